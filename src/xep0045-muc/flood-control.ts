// Flood control per occupant session: a token bucket (rate per second, burst). Pure: the time
// is passed in. Exceeding it gets policy-violation of type wait, as Prosody's muc_limits does.
export class FloodControl {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly ratePerSecond: number, private readonly burst: number) {}

  /** Takes one token for `key`; false when the bucket is empty (or the key is flooding). */
  take(key: string, nowMs: number): boolean {
    if (this.ratePerSecond === 0) return true;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = nowMs;
    const isAllowed = bucket.tokens >= 1;
    if (isAllowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return isAllowed;
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
