// The PostgreSQL dialect family (external PostgreSQL through `pg`, and PGlite) and the knex
// settings of an external PostgreSQL server. SQLSTATEs: PostgreSQL docs, Appendix A.
import type { Knex } from 'knex';
import type { StorageConfig } from '../../config/schema.js';
import { TC_LEASES } from '../tables.js';
import { errorCode, firstValue, poolSettings, type SqlDialect } from './sql-dialect.js';

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

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  healthQuery: HEALTH_QUERY,
  // DDL is transactional: the migrations run in the transaction that holds the advisory lock.
  withMigrationLock: (db, migrate) => db.transaction(async (trx) => {
    await trx.raw(MIGRATION_LOCK);
    return migrate(trx);
  }),
  isUniqueViolation: (failure) => errorCode(failure) === UNIQUE_VIOLATION,
  // server_version_num: 90100 for 9.1, 160004 for 16.4. Advisory transaction locks need 9.1.
  async serverVersion(db) {
    const text = firstValue(await db.raw("select current_setting('server_version') as version"));
    const comparable = Number(firstValue(await db.raw("select current_setting('server_version_num') as version")));
    return { text, comparable };
  },
  minimumVersion: { text: '9.1', comparable: 90100 },
  // FOR SHARE: the holder's writes share the row; a takeover's UPDATE waits for them.
  lockLeaseRow: (query) => query.forShare(),
  async fencedInsert(db, table, rows, fence) {
    const first = rows[0];
    if (first === undefined) return 0;
    const columns = Object.keys(first);
    const bindings = [TC_LEASES, fence.alias, fence.node, fence.epoch, table, columns, columns, table, JSON.stringify(rows)];
    return Number(firstValue(await db.raw(FENCED_INSERT, bindings)));
  },
  clock: {
    now: 'current_timestamp',
    nowPlusMilliseconds: "current_timestamp + (? * interval '1 millisecond')",
  },
};

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
