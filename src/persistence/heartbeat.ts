// Checks a database at an interval and logs when it goes away and comes back; the pool
// reconnects by itself on the next acquire, so each check is also a reconnection attempt.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SqlDialect } from './dialects/sql-dialect.js';
import type { StorageHealth } from './ports.js';

/** Runs the dialect's trivial query; never throws. */
export async function checkHealth(db: Knex, dialect: SqlDialect, timeoutMs: number): Promise<StorageHealth> {
  try {
    await db.raw(dialect.healthQuery).timeout(timeoutMs);
    return { isReachable: true, checkedAt: new Date() };
  } catch (failure) {
    const lastError = failure instanceof Error ? failure.message : String(failure);
    return { isReachable: false, lastError, checkedAt: new Date() };
  }
}

/** While the database is unreachable, checks back off up to this many times the interval. */
const MAX_BACKOFF_FACTOR = 16;

/**
 * Checks at the interval while the database answers; once it does not, backs off (doubling up to
 * 16 times the interval), so a node does not hammer a server that is down, and returns to the
 * interval as soon as it answers again.
 */
export class Heartbeat {
  last: StorageHealth = { isReachable: true, checkedAt: new Date() };
  private readonly listeners: ((health: StorageHealth) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private isStopped = false;

  constructor(private readonly check: () => Promise<StorageHealth>, private readonly intervalMs: number, private readonly log: Logger) {
    if (intervalMs > 0) this.schedule();
  }

  onChange(listener: (health: StorageHealth) => void): void {
    this.listeners.push(listener);
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.timer);
  }

  /** The wait before the next check. */
  get nextDelayMs(): number {
    return this.intervalMs * Math.min(2 ** this.failures, MAX_BACKOFF_FACTOR);
  }

  private schedule(): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => void this.beat(), this.nextDelayMs).unref();
  }

  private async beat(): Promise<void> {
    const health = await this.check();
    const wasReachable = this.last.isReachable;
    this.last = health;
    this.failures = health.isReachable ? 0 : this.failures + 1;
    if (health.isReachable !== wasReachable) {
      if (health.isReachable) this.log.info('database reachable again');
      else this.log.warn({ error: health.lastError, retryInMs: this.nextDelayMs }, 'database unreachable');
      for (const listener of this.listeners) listener(health);
    }
    this.schedule();
  }
}
