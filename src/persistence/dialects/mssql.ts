// The Microsoft SQL Server dialect: `tedious` through knex's mssql client, and its settings.
// Error numbers: SQL Server database engine errors 2601 and 2627 (duplicate key).
import type { Knex } from 'knex';
import type { StorageConfig } from '../../config/schema.js';
import { errorCode, firstValue, poolSettings, type SqlDialect } from './sql-dialect.js';

export type MssqlStorageConfig = Extract<StorageConfig, { type: 'mssql' }>;

const DUPLICATE_KEY = new Set([2601, 2627]);
const APPLICATION_NAME = 'parley';

export const MSSQL_STATEMENTS = {
  /** An application lock owned by the transaction, waiting as long as it takes (DDL is transactional). */
  version: "select cast(serverproperty('ProductVersion') as nvarchar(128)) as version",
  migrationLock: "exec sp_getapplock @Resource = N'parley-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1",
} as const;

export const mssqlDialect: SqlDialect = {
  name: 'mssql',
  healthQuery: 'select 1',
  withMigrationLock: (db, migrate) => db.transaction(async (trx) => {
    await trx.raw(MSSQL_STATEMENTS.migrationLock);
    return migrate(trx);
  }),
  isUniqueViolation: (failure) => {
    const code = errorCode(failure);
    return typeof code === 'number' && DUPLICATE_KEY.has(code);
  },
  // ProductVersion 13.x is SQL Server 2016.
  async serverVersion(db) {
    const text = firstValue(await db.raw(MSSQL_STATEMENTS.version));
    return { text, comparable: Number.parseInt(text, 10) };
  },
  minimumVersion: { text: '2016 (13.0)', comparable: 13 },
  // WITH (HOLDLOCK): a shared lock held to the end of the transaction; a takeover's UPDATE waits.
  lockLeaseRow: (query) => query.forShare(),
  clock: {
    now: 'sysdatetimeoffset()',
    nowPlusMilliseconds: 'dateadd(millisecond, ?, sysdatetimeoffset())',
  },
};

/** Where the server is, for log lines and error messages: never the password. */
export function describeMssql(config: MssqlStorageConfig): string {
  return `mssql ${config.user}@${config.host}:${config.port}/${config.database}`;
}

export function mssqlKnexConfig(config: MssqlStorageConfig): Knex.Config {
  return {
    client: 'mssql',
    connection: {
      server: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      password: config.password,
      connectionTimeout: config.connectTimeoutMs,
      requestTimeout: config.statementTimeoutMs,
      options: {
        appName: APPLICATION_NAME,
        encrypt: config.encrypt,
        trustServerCertificate: config.trustServerCertificate,
      },
    },
    ...poolSettings(config),
  };
}
