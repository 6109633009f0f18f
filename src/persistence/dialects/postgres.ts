// The PostgreSQL dialect family (external PostgreSQL through `pg`, and PGlite) and the knex
// settings of an external PostgreSQL server. SQLSTATEs: PostgreSQL docs, Appendix A.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type pg from 'pg';
import type { StorageConfig } from '../../config/schema.js';
import type { Fence } from '../ports.js';
import { TC_LEASES } from '../tables.js';
import { errorCode, firstValue, poolSettings, rawRows, type SqlDialect } from './sql-dialect.js';

export type PostgresStorageConfig = Extract<StorageConfig, { type: 'postgres' }>;

const HEALTH_QUERY = 'select 1';
const UNIQUE_VIOLATION = '23505';
/** Transaction-scoped advisory lock; the key is arbitrary but fixed ("parley" in ASCII). */
const MIGRATION_LOCK = 'select pg_advisory_xact_lock(123563833845113)';
const APPLICATION_NAME = 'parley';
/**
 * The rows travel as one JSON parameter, typed by the table's own row type; the lease row is
 * locked FOR SHARE in the same statement, and without it the join yields no row to insert.
 */
const FENCED_INSERT = `with lease as (select 1 from ?? where alias = ? and owner_node = ? and epoch = ? for share),
inserted as (insert into ?? (??) select ?? from json_populate_recordset(null::??, ?::json), lease returning 1)
select count(*) as inserted from inserted`;

function fencedInsertBindings(table: string, columns: readonly string[], fence: Fence, rows: readonly Record<string, unknown>[]): unknown[] {
  return [TC_LEASES, fence.alias, fence.node, fence.epoch, table, columns, columns, table, JSON.stringify(rows)];
}

/** The row count the statement answers (pg gives count(*) as text); anything else is an error, not a stale fence. */
function insertedCount(value: unknown): number {
  const count = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`the fenced insert answered ${JSON.stringify(value)} instead of a row count`);
  return count;
}

/** The fenced insert through knex: PGlite, which has no named statements (and parses in-process anyway). */
async function fencedInsertRaw(db: Knex, table: string, rows: readonly Record<string, unknown>[], fence: Fence): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  const result: unknown = await db.raw(FENCED_INSERT, fencedInsertBindings(table, Object.keys(first), fence, rows) as Knex.RawBinding[]);
  return insertedCount(rawRows(result)[0]?.inserted);
}

/** What knex's pg client lends: its pool's driver connections (the methods knex itself runs queries with). */
interface ConnectionLender {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<void>;
}

/** A named statement's text in PostgreSQL's own $n form, and its name (one per text, so names never clash). */
interface PreparedInsert {
  name: string;
  text: string;
}

const preparedInserts = new Map<string, PreparedInsert>();

function preparedInsert(db: Knex, table: string, columns: readonly string[]): PreparedInsert {
  const key = `${table}(${columns.join(',')})`;
  let prepared = preparedInserts.get(key);
  if (prepared === undefined) {
    const placeholder: Fence = { alias: '', node: '', epoch: 0 };
    const text = db.raw(FENCED_INSERT, fencedInsertBindings(table, columns, placeholder, []) as Knex.RawBinding[]).toSQL().toNative().sql;
    prepared = { name: `parley_fenced_insert_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text };
    preparedInserts.set(key, prepared);
  }
  return prepared;
}

/**
 * The fenced insert as a named statement on one of the pool's connections: PostgreSQL parses
 * and plans it once per connection, which halves the round trip of a one-row batch.
 */
async function fencedInsertPrepared(db: Knex, table: string, rows: readonly Record<string, unknown>[], fence: Fence): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  const { name, text } = preparedInsert(db, table, Object.keys(first));
  const pool = db.client as ConnectionLender;
  const connection = await pool.acquireConnection();
  try {
    const result = await connection.query<{ inserted: string }>({ name, text, values: [fence.alias, fence.node, fence.epoch, JSON.stringify(rows)] });
    return insertedCount(result.rows[0]?.inserted);
  } finally {
    await pool.releaseConnection(connection);
  }
}

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  healthQuery: HEALTH_QUERY,
  // DDL is transactional: the migrations run in the transaction that holds the advisory lock.
  withMigrationLock: (db, migrate) => db.transaction(async (trx) => {
    await trx.raw(MIGRATION_LOCK);
    return migrate(trx);
  }),
  isUniqueViolation: (failure) => errorCode(failure) === UNIQUE_VIOLATION,
  // server_version_num: 90300 for 9.3, 160004 for 16.4. The fenced archive insert needs 9.3
  // (json_populate_recordset); advisory transaction locks need 9.1.
  async serverVersion(db) {
    const text = firstValue(await db.raw("select current_setting('server_version') as version"));
    const comparable = Number(firstValue(await db.raw("select current_setting('server_version_num') as version")));
    return { text, comparable };
  },
  minimumVersion: { text: '9.3', comparable: 90300 },
  // FOR SHARE: the holder's writes share the row; a takeover's UPDATE waits for them.
  lockLeaseRow: (query) => query.forShare(),
  fencedInsert: fencedInsertPrepared,
  clock: {
    now: 'current_timestamp',
    nowPlusMilliseconds: "current_timestamp + (? * interval '1 millisecond')",
  },
};

/** PGlite: the PostgreSQL dialect, with the fenced insert sent through knex (it has no named statements). */
export const pgliteDialect: SqlDialect = { ...postgresDialect, fencedInsert: fencedInsertRaw };

/** Where the server is, for log lines and error messages: never the password. */
export function describePostgres(config: PostgresStorageConfig): string {
  return `postgres ${config.user}@${config.host}:${config.port}/${config.database}`;
}

export function postgresKnexConfig(config: PostgresStorageConfig): Knex.Config {
  return {
    client: 'pg',
    connection: {
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      password: config.password,
      application_name: APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: config.connectTimeoutMs,
      // Sent as a startup parameter, so every pooled session has it; 0 leaves the server's default.
      statement_timeout: config.statementTimeoutMs,
    },
    ...poolSettings(config),
  };
}
