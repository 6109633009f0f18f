// Opens the node's storage from its configuration: the one place that looks at the dialect
// (STYLE 7); everything past this switch is dialect-neutral.
import type { Logger } from 'pino';
import type { StorageConfig } from '../config/schema.js';
import { EMBEDDED_HEALTH_TIMEOUT_MS, embeddedDirectory, embeddedKnexConfig } from './dialects/embedded.js';
import { lockEmbeddedDirectory } from './dialects/embedded-lock.js';
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
        log: storageLog,
      });
  }
}
