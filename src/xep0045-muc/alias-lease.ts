// The hosting lease of one TC alias (DESIGN §5): a node serves an alias's persistent rooms only
// while it holds the lease; it renews it every third of its lifetime, and every write carries
// its fence. Losing it stops the writes at once (the database refuses a stale epoch).
import type { Logger } from 'pino';
import type { Fence, LeaseStore } from '../persistence/ports.js';

export class AliasNotHostedError extends Error {
  constructor(alias: string) {
    super(`this node does not hold the lease of ${alias}`);
    this.name = 'AliasNotHostedError';
  }
}

export class AliasLease {
  private current: Fence | undefined;
  private timer: NodeJS.Timeout | undefined;
  private isStopped = false;

  constructor(private readonly leases: LeaseStore, readonly alias: string, private readonly node: string,
    private readonly ttlMs: number, private readonly log: Logger, private readonly onLost: () => void) {}

  get isHeld(): boolean {
    return this.current !== undefined;
  }

  /** The fence for writes; throws AliasNotHostedError when the lease is not held. */
  fence(): Fence {
    if (this.current === undefined) throw new AliasNotHostedError(this.alias);
    return this.current;
  }

  /** Takes the lease (or keeps trying in the background when another node holds it). */
  async start(): Promise<boolean> {
    await this.tryAcquire();
    this.schedule();
    return this.isHeld;
  }

  /** The lease was found stale by a write: stop using it and try to take it again. */
  lost(): void {
    if (this.current === undefined) return;
    this.log.error({ alias: this.alias, epoch: this.current.epoch }, 'alias lease lost: another node hosts it now');
    this.current = undefined;
    this.onLost();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    const fence = this.current;
    this.current = undefined;
    if (fence !== undefined) await this.leases.release(fence).catch((error: unknown) => this.log.warn({ err: error, alias: this.alias }, 'alias lease not released'));
  }

  private schedule(): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(1, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (this.current === undefined) await this.tryAcquire();
      else if ((await this.leases.renew(this.current, this.ttlMs)) === undefined) this.lost();
    } catch (error) {
      this.log.warn({ err: error, alias: this.alias }, 'alias lease renewal failed; retrying');
    }
    this.schedule();
  }

  private async tryAcquire(): Promise<void> {
    const lease = await this.leases.acquire(this.alias, this.node, this.ttlMs);
    if (lease === undefined) {
      this.log.warn({ alias: this.alias }, 'alias lease held by another node; waiting for it');
      return;
    }
    this.current = { alias: this.alias, node: this.node, epoch: lease.epoch };
    this.log.info({ alias: this.alias, epoch: lease.epoch }, 'alias lease acquired');
  }
}
