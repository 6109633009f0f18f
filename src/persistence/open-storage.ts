// Opens databases from their configuration: the one place that looks at the dialect (STYLE 7);
// everything past the switch in databaseTarget is dialect-neutral.
import type { Logger } from 'pino';
import type { StorageConfig } from '../config/schema.js';
import { connect, openDatabase, type DatabaseTarget } from './database.js';
import { diagnoseDatabase, type DiagnosisStep, type ExternalStorageConfig } from './diagnose.js';
import { EMBEDDED_HEALTH_TIMEOUT_MS, embeddedDirectory, embeddedKnexConfig } from './dialects/embedded.js';
import { lockEmbeddedDirectory } from './dialects/embedded-lock.js';
import { describeMssql, mssqlDialect, mssqlKnexConfig } from './dialects/mssql.js';
import { describeOracle, oracleDialect, oracleKnexConfig } from './dialects/oracle.js';
import { describePostgres, pgliteDialect, postgresDialect, postgresKnexConfig } from './dialects/postgres.js';
import { CLUSTER_MIGRATIONS, TEXT_CONFERENCE_MIGRATIONS, migrationStatus } from './migrations/index.js';
import type { Storage, TextConferenceDatabase } from './ports.js';
import { sqlStorage, textConferenceDatabase } from './sql-storage.js';
import type { ArchiveOptions } from './text-conference/index.js';

async function databaseTarget(config: StorageConfig): Promise<DatabaseTarget> {
  switch (config.type) {
    case 'embedded': {
      const knexConfig = await embeddedKnexConfig(config);
      const release = await lockEmbeddedDirectory(embeddedDirectory(config));
      return {
        kind: 'embedded',
        location: `embedded ${embeddedDirectory(config)}`,
        knexConfig,
        afterClose: release,
        // PGlite speaks PostgreSQL's SQL and error codes.
        dialect: pgliteDialect,
        healthTimeoutMs: EMBEDDED_HEALTH_TIMEOUT_MS,
        heartbeatIntervalMs: 0,
      };
    }
    case 'postgres':
      return {
        kind: 'postgres',
        location: describePostgres(config),
        knexConfig: postgresKnexConfig(config),
        dialect: postgresDialect,
        // With the pool's acquire timeout, a health check takes at most twice the connect timeout.
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
      };
    case 'oracle':
      return {
        kind: 'oracle',
        location: describeOracle(config),
        knexConfig: oracleKnexConfig(config),
        dialect: oracleDialect,
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
      };
    case 'mssql':
      return {
        kind: 'mssql',
        location: describeMssql(config),
        knexConfig: mssqlKnexConfig(config),
        dialect: mssqlDialect,
        healthTimeoutMs: config.connectTimeoutMs,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
      };
  }
}

/** The node's own database: the cluster tables and, beside them, the text conference tables. */
export async function openStorage(config: StorageConfig, log: Logger): Promise<Storage> {
  const target = await databaseTarget(config);
  return sqlStorage(await openDatabase(target, [CLUSTER_MIGRATIONS, TEXT_CONFERENCE_MIGRATIONS], log.child({ component: 'storage' })));
}

/** An external database assigned to persistent chat; its text conference tables are brought up to date. */
export async function openTextConferenceDatabase(config: StorageConfig, log: Logger, archive?: ArchiveOptions): Promise<TextConferenceDatabase> {
  const target = await databaseTarget(config);
  return textConferenceDatabase(await openDatabase(target, [TEXT_CONFERENCE_MIGRATIONS], log.child({ component: 'text-conference-storage' })), archive);
}

/** The text conference migrations a database has and lacks, read without changing it. */
export async function textConferenceMigrationStatus(config: StorageConfig, log: Logger): Promise<{ applied: string[]; pending: string[] }> {
  const target = await databaseTarget(config);
  const db = connect(target, log);
  try {
    return await migrationStatus(db, TEXT_CONFERENCE_MIGRATIONS);
  } finally {
    await db.destroy();
    await target.afterClose?.();
  }
}

/** `parley db test`: the checks of diagnose.ts against one external database. */
export async function diagnoseExternalDatabase(config: ExternalStorageConfig, log: Logger): Promise<DiagnosisStep[]> {
  return diagnoseDatabase(config, await databaseTarget(config), log);
}
