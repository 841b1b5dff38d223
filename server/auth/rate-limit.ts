// Token-bucket rate limits per key, per node: ingest per API token, where a limit up to N times this
// with N nodes is acceptable and the hot path stays in memory. Sign-in and password changes need one
// count across nodes: they use shared-limits.ts.
export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number = ratePerSecond * 2
	) {}

	/** Takes one token for `key` at time `now` (ms); false when the key is over its limit. */
	take(key: string, now: number): boolean {
		const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
		b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSecond);
		b.at = now;
		const ok = b.tokens >= 1;
		if (ok) b.tokens -= 1;
		this.buckets.set(key, b);
		if (this.buckets.size > 10_000) this.prune(now);
		return ok;
	}

	private prune(now: number) {
		for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
	}
}
