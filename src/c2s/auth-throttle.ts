// Throttling of failed logins per remote address and per account (sliding window), so password
// guessing costs the guesser time. Pure: the clock is injected.
export interface AuthThrottleOptions {
  windowMs: number;
  maxFailuresPerAddress: number;
  maxFailuresPerAccount: number;
  throttleMs: number;
  now?: () => number;
}

interface Record {
  failures: number[];
  blockedUntil: number;
}

export class AuthThrottle {
  private readonly byAddress = new Map<string, Record>();
  private readonly byAccount = new Map<string, Record>();
  private readonly now: () => number;

  constructor(private readonly options: AuthThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  isAddressThrottled(address: string): boolean {
    return this.isBlocked(this.byAddress, address);
  }

  isAccountThrottled(account: string): boolean {
    return this.isBlocked(this.byAccount, account);
  }

  /** Records a failure; returns what became throttled by it, for the log. */
  recordFailure(address: string, account: string | undefined): { address: boolean; account: boolean } {
    const address_ = this.record(this.byAddress, address, this.options.maxFailuresPerAddress);
    const account_ = account === undefined ? false : this.record(this.byAccount, account, this.options.maxFailuresPerAccount);
    return { address: address_, account: account_ };
  }

  /** A success forgives the account's failures, not the address's (one address may probe many accounts). */
  recordSuccess(account: string): void {
    this.byAccount.delete(account);
  }

  /** Drops stale entries; call now and then so the maps stay small. */
  sweep(): void {
    const now = this.now();
    for (const map of [this.byAddress, this.byAccount]) {
      for (const [key, entry] of map) {
        if (entry.blockedUntil <= now && entry.failures.every((at) => at <= now - this.options.windowMs)) map.delete(key);
      }
    }
  }

  private isBlocked(map: Map<string, Record>, key: string): boolean {
    const entry = map.get(key);
    return entry !== undefined && entry.blockedUntil > this.now();
  }

  private record(map: Map<string, Record>, key: string, limit: number): boolean {
    const now = this.now();
    const entry = map.get(key) ?? { failures: [], blockedUntil: 0 };
    entry.failures = entry.failures.filter((at) => at > now - this.options.windowMs);
    entry.failures.push(now);
    map.set(key, entry);
    if (entry.failures.length >= limit && entry.blockedUntil <= now) {
      entry.blockedUntil = now + this.options.throttleMs;
      entry.failures = [];
      return true;
    }
    return false;
  }
}
