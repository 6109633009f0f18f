// The embedded default: PGlite (PostgreSQL compiled to WebAssembly) in this process,
// stored in a directory, reached through knex-pglite with the PostgreSQL dialect.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { StorageConfig } from '../../config/schema.js';

export type EmbeddedStorageConfig = Extract<StorageConfig, { type: 'embedded' }>;

/** PGlite answers in-process, so only a wedged engine takes this long to `select 1`. */
export const EMBEDDED_HEALTH_TIMEOUT_MS = 5000;

/** The database directory, relative paths taken from the working directory. */
export function embeddedDirectory(config: EmbeddedStorageConfig): string {
  return resolve(config.path);
}

/** Creates the database directory and returns the knex settings (PGlite allows one connection). */
export async function embeddedKnexConfig(config: EmbeddedStorageConfig): Promise<Knex.Config> {
  const directory = embeddedDirectory(config);
  await mkdir(directory, { recursive: true });
  return { client: EmbeddedClient, connection: { filename: directory } };
}

/**
 * knex-pglite 0.14 labels a `del()` response with the command "DEL", which knex's PostgreSQL
 * dialect does not recognise, so `del()` would resolve to the raw response instead of the
 * number of deleted rows as on every other client. Fixed in the client rather than with the
 * `postProcessResponse` option, which knex's migrator switches off for the whole pool.
 */
class EmbeddedClient extends ClientPgLite {
  override postProcessResponse(result: unknown, queryContext: unknown): unknown {
    const isDelete = typeof result === 'object' && result !== null && 'command' in result && result.command === 'DEL'
      && 'rowCount' in result && typeof result.rowCount === 'number';
    return super.postProcessResponse(isDelete ? result.rowCount : result, queryContext);
  }
}
