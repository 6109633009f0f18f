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

export class Heartbeat {
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
