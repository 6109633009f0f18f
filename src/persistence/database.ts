// One database opened for Parley: a knex pool for its dialect, the migration sets it holds
// brought up to date, and a heartbeat. Dialect-neutral: open-storage.ts says which dialect.
import { inspect } from 'node:util';
import knex, { type Knex } from 'knex';
import type { Logger } from 'pino';
import type { SqlDialect } from './dialects/sql-dialect.js';
import { Heartbeat, checkHealth } from './heartbeat.js';
import { migrateToLatest, type MigrationSet } from './migrations/index.js';
import type { StorageHealth } from './ports.js';
import { StorageError } from './storage-error.js';

/** How to reach one database; produced by the one switch on the dialect. */
export interface DatabaseTarget {
  kind: 'embedded' | 'postgres' | 'oracle' | 'mssql';
  /** Where the database is, for logs and errors; must not contain a password. */
  location: string;
  knexConfig: Knex.Config;
  dialect: SqlDialect;
  healthTimeoutMs: number;
  /** How often to check that the database answers; 0 for never (an in-process engine). */
  heartbeatIntervalMs: number;
  /** Runs after the pool is closed, e.g. to release the embedded database's lock. */
  afterClose?: () => Promise<void>;
}

export interface OpenDatabase {
  readonly db: Knex;
  readonly target: DatabaseTarget;
  checkHealth(): Promise<StorageHealth>;
  health(): StorageHealth;
  onHealthChange(listener: (health: StorageHealth) => void): void;
  close(): Promise<void>;
}

/** A knex pool for the target, without touching its schema (status and diagnosis read it as it is). */
export function connect(target: DatabaseTarget, log: Logger): Knex {
  return knex({
    ...target.knexConfig,
    log: knexLogger(log),
    // Error messages then carry the SQL with placeholders, not the bound salts and keys.
    compileSqlOnError: false,
  });
}

export async function openDatabase(target: DatabaseTarget, sets: readonly MigrationSet[], log: Logger): Promise<OpenDatabase> {
  const { kind, location, dialect, healthTimeoutMs } = target;
  const db = connect(target, log);
  try {
    for (const set of sets) {
      const applied = await migrateToLatest(db, dialect, set);
      log.info({ dialect: kind, location, migrations: set.name, migrationsApplied: applied }, 'storage opened');
    }
  } catch (failure) {
    await db.destroy();
    await target.afterClose?.();
    throw new StorageError(`opening ${location}`, failure);
  }
  const heartbeat = new Heartbeat(() => checkHealth(db, dialect, healthTimeoutMs), target.heartbeatIntervalMs, log.child({ location }));
  return {
    db,
    target,
    checkHealth: () => checkHealth(db, dialect, healthTimeoutMs),
    health: () => heartbeat.last,
    onHealthChange: (listener) => heartbeat.onChange(listener),
    async close() {
      heartbeat.stop();
      await db.destroy();
      await target.afterClose?.();
      log.info({ dialect: kind, location }, 'storage closed');
    },
  };
}

/** knex's own warnings (pool, deprecations) go to the node's log. */
function knexLogger(log: Logger): Knex.Logger {
  const text = (message: unknown): string => (typeof message === 'string' ? message : inspect(message));
  return {
    warn: (message: unknown) => log.warn({ source: 'knex' }, text(message)),
    error: (message: unknown) => log.error({ source: 'knex' }, text(message)),
    debug: (message: unknown) => log.debug({ source: 'knex' }, text(message)),
    deprecate: (method: string, alternative: string) =>
      log.warn({ source: 'knex' }, `${method} is deprecated, use ${alternative}`),
  };
}
