// Opens the node's storage from its configuration: the one place that looks at the dialect
// (STYLE 7); everything past this switch is dialect-neutral.
import type { Logger } from 'pino';
import type { StorageConfig } from '../config/schema.js';
import { EMBEDDED_HEALTH_TIMEOUT_MS, embeddedDirectory, embeddedKnexConfig } from './dialects/embedded.js';
import { lockEmbeddedDirectory } from './dialects/embedded-lock.js';
import { describeMssql, mssqlDialect, mssqlKnexConfig } from './dialects/mssql.js';
import { describeOracle, oracleDialect, oracleKnexConfig } from './dialects/oracle.js';
import { describePostgres, postgresDialect, postgresKnexConfig } from './dialects/postgres.js';
import type { Storage } from './ports.js';
import { openSqlStorage } from './sql-storage.js';

export async function openStorage(config: StorageConfig, log: Logger): Promise<Storage> {
  const storageLog = log.child({ component: 'storage' });
  switch (config.type) {
    case 'embedded': {
      const knexConfig = await embeddedKnexConfig(config);
      const release = await lockEmbeddedDirectory(embeddedDirectory(config));
      return openSqlStorage({
        kind: 'embedded',
        location: `embedded ${embeddedDirectory(config)}`,
        knexConfig,
        afterClose: release,
        // PGlite speaks PostgreSQL's SQL and error codes.
        dialect: postgresDialect,
        healthTimeoutMs: EMBEDDED_HEALTH_TIMEOUT_MS,
        heartbeatIntervalMs: 0,
        log: storageLog,
      });
    }
    case 'postgres':
      return openSqlStorage({
        kind: 'postgres',
        location: describePostgres(config),
        knexConfig: postgresKnexConfig(config),
        dialect: postgresDialect,
        // With the pool's acquire timeout, a health check takes at most twice the connect timeout.
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        log: storageLog,
      });
    case 'oracle':
      return openSqlStorage({
        kind: 'oracle',
        location: describeOracle(config),
        knexConfig: oracleKnexConfig(config),
        dialect: oracleDialect,
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        log: storageLog,
      });
    case 'mssql':
      return openSqlStorage({
        kind: 'mssql',
        location: describeMssql(config),
        knexConfig: mssqlKnexConfig(config),
        dialect: mssqlDialect,
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        log: storageLog,
      });
  }
}
