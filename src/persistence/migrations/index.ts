// The ordered schema versions, compiled in (no migration files at run time), and the step
// that brings a database up to date at open. Append new migrations; never edit released ones.
import type { Knex } from 'knex';
import { createAccounts } from './0001-accounts.js';
import { createInstantMessaging } from './0002-im.js';
import { createTextConference } from './0003-text-conference.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { ParleyMigration } from './migration.js';

export const MIGRATIONS_TABLE = 'parley_migrations';

export const migrations: readonly ParleyMigration[] = [createAccounts, createInstantMessaging, createTextConference];

const migrationSource: Knex.MigrationSource<ParleyMigration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (migration) => migration.name,
  getMigration: (migration) => Promise.resolve({
    up: (knex: Knex) => migration.up(knex),
    // knex insists on a down step; Parley never rolls a schema back by itself.
    down: () => Promise.reject(new Error(`migration ${migration.name} cannot be rolled back`)),
  }),
};

/**
 * Applies the migrations this database has not seen and returns their names, under the
 * dialect's migration lock: knex's own lock row is created outside any lock, so two nodes
 * opening a fresh database together would otherwise race. Refuses a database that records
 * migrations this build does not know (a newer Parley ran on it).
 * Run on a transaction, knex's migrator switches off the `postProcessResponse` and
 * `wrapIdentifier` options for the whole pool, so Parley's knex settings use neither.
 */
export async function migrateToLatest(knex: Knex, dialect: SqlDialect): Promise<string[]> {
  return dialect.withMigrationLock(knex, async (connection) => {
    const [, applied] = await connection.migrate.latest({ tableName: MIGRATIONS_TABLE, migrationSource }) as [number, string[]];
    return applied;
  });
}
