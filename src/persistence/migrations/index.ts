// The ordered schema versions, compiled in (no migration files at run time), in two sets: the
// cluster database (accounts, IM, the external database registry) and the text conference
// tables, which live in the cluster database on a single node or in an assigned external
// database. Append new migrations; never edit released ones.
import type { Knex } from 'knex';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import { createAccounts } from './0001-accounts.js';
import { createInstantMessaging } from './0002-im.js';
import { createExternalDatabases } from './0003-external-databases.js';
import type { ParleyMigration } from './migration.js';
import { createTextConference } from './tc-0001-text-conference.js';

export interface MigrationSet {
  readonly name: 'cluster' | 'text-conference';
  /** Where a database records which of the set's migrations it has. */
  readonly table: string;
  readonly migrations: readonly ParleyMigration[];
}

export const MIGRATIONS_TABLE = 'parley_migrations';
export const TC_MIGRATIONS_TABLE = 'parley_tc_migrations';

export const CLUSTER_MIGRATIONS: MigrationSet = {
  name: 'cluster',
  table: MIGRATIONS_TABLE,
  migrations: [createAccounts, createInstantMessaging, createExternalDatabases],
};

export const TEXT_CONFERENCE_MIGRATIONS: MigrationSet = {
  name: 'text-conference',
  table: TC_MIGRATIONS_TABLE,
  migrations: [createTextConference],
};

function sourceOf(set: MigrationSet): Knex.MigrationSource<ParleyMigration> {
  return {
    getMigrations: () => Promise.resolve([...set.migrations]),
    getMigrationName: (migration) => migration.name,
    getMigration: (migration) => Promise.resolve({
      up: (knex: Knex) => migration.up(knex),
      // knex insists on a down step; Parley never rolls a schema back by itself.
      down: () => Promise.reject(new Error(`migration ${migration.name} cannot be rolled back`)),
    }),
  };
}

/**
 * Applies the migrations of a set this database has not seen and returns their names, under the
 * dialect's migration lock: knex's own lock row is created outside any lock, so two nodes
 * opening a fresh database together would otherwise race. Refuses a database that records
 * migrations this build does not know (a newer Parley ran on it).
 * Run on a transaction, knex's migrator switches off the `postProcessResponse` and
 * `wrapIdentifier` options for the whole pool, so Parley's knex settings use neither.
 */
export async function migrateToLatest(knex: Knex, dialect: SqlDialect, set: MigrationSet): Promise<string[]> {
  return dialect.withMigrationLock(knex, async (connection) => {
    const [, applied] = await connection.migrate.latest({ tableName: set.table, migrationSource: sourceOf(set) }) as [number, string[]];
    return applied;
  });
}

/** Which migrations of a set a database has, and which this build would still apply. */
export async function migrationStatus(knex: Knex, set: MigrationSet): Promise<{ applied: string[]; pending: string[] }> {
  // knex's own listing would create the bookkeeping table: a database Parley never touched stays untouched.
  if (!(await knex.schema.hasTable(set.table))) return { applied: [], pending: set.migrations.map((migration) => migration.name) };
  const [completed, pending] = await knex.migrate.list({ tableName: set.table, migrationSource: sourceOf(set) }) as [{ name: string }[], ParleyMigration[]];
  return { applied: completed.map((migration) => migration.name), pending: pending.map((migration) => migration.name) };
}
