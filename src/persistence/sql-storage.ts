// Storage over one knex instance, whatever the dialect: brings the schema up to date,
// builds the stores, answers health checks and closes the pool.
import { inspect } from 'node:util';
import knex, { type Knex } from 'knex';
import type { Logger } from 'pino';
import { migrateToLatest } from './migrations/index.js';
import type { SqlDialect } from './dialects/sql-dialect.js';
import { createAccountStore } from './accounts.js';
import { createBlockingStore } from './blocking.js';
import { createOfflineStore } from './offline.js';
import { createRosterStore } from './roster.js';
import { createTextConferenceStore } from './text-conference/index.js';
import { createVCardStore } from './vcards.js';
import type { Storage, StorageHealth } from './ports.js';
import { StorageError } from './storage-error.js';

export interface SqlStorageOptions {
  kind: Storage['dialect'];
  /** Where the database is, for logs and errors; must not contain a password. */
  location: string;
  knexConfig: Knex.Config;
  dialect: SqlDialect;
  healthTimeoutMs: number;
  /** How often to check that the database answers; 0 for never (an in-process engine). */
  heartbeatIntervalMs: number;
  log: Logger;
  /** Runs after the pool is closed, e.g. to release the embedded database's lock. */
  afterClose?: () => Promise<void>;
}

export async function openSqlStorage(options: SqlStorageOptions): Promise<Storage> {
  const { kind, location, dialect, healthTimeoutMs, heartbeatIntervalMs, log } = options;
  const db = knex({
    ...options.knexConfig,
    log: knexLogger(log),
    // Error messages then carry the SQL with placeholders, not the bound salts and keys.
    compileSqlOnError: false,
  });
  try {
    const applied = await migrateToLatest(db, dialect);
    log.info({ dialect: kind, location, migrationsApplied: applied }, 'storage opened');
  } catch (failure) {
    await db.destroy();
    await options.afterClose?.();
    throw new StorageError(`opening ${location}`, failure);
  }

  const heartbeat = new Heartbeat(() => checkHealth(db, dialect, healthTimeoutMs), heartbeatIntervalMs, log.child({ location }));
  return {
    dialect: kind,
    accounts: createAccountStore(db, dialect),
    roster: createRosterStore(db),
    offline: createOfflineStore(db),
    vcards: createVCardStore(db),
    blocking: createBlockingStore(db),
    textConference: createTextConferenceStore(db, dialect),
    checkHealth: () => checkHealth(db, dialect, healthTimeoutMs),
    health: () => heartbeat.last,
    onHealthChange: (listener) => heartbeat.onChange(listener),
    async close() {
      heartbeat.stop();
      await db.destroy();
      await options.afterClose?.();
      log.info({ dialect: kind, location }, 'storage closed');
    },
  };
}

async function checkHealth(db: Knex, dialect: SqlDialect, timeoutMs: number): Promise<StorageHealth> {
  try {
    await db.raw(dialect.healthQuery).timeout(timeoutMs);
    return { isReachable: true, checkedAt: new Date() };
  } catch (failure) {
    const lastError = failure instanceof Error ? failure.message : String(failure);
    return { isReachable: false, lastError, checkedAt: new Date() };
  }
}

/**
 * Checks the database at an interval and logs when it goes away and comes back; the pool
 * reconnects by itself on the next acquire, so a check is also the reconnection attempt.
 */
class Heartbeat {
  last: StorageHealth = { isReachable: true, checkedAt: new Date() };
  private readonly listeners: ((health: StorageHealth) => void)[] = [];
  private readonly timer: NodeJS.Timeout | undefined;
  private isChecking = false;

  constructor(private readonly check: () => Promise<StorageHealth>, intervalMs: number, private readonly log: Logger) {
    this.timer = intervalMs > 0 ? setInterval(() => void this.beat(), intervalMs).unref() : undefined;
  }

  onChange(listener: (health: StorageHealth) => void): void {
    this.listeners.push(listener);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    if (this.isChecking) return;
    this.isChecking = true;
    const health = await this.check();
    this.isChecking = false;
    const wasReachable = this.last.isReachable;
    this.last = health;
    if (health.isReachable === wasReachable) return;
    if (health.isReachable) this.log.info('database reachable again');
    else this.log.warn({ error: health.lastError }, 'database unreachable');
    for (const listener of this.listeners) listener(health);
  }
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
