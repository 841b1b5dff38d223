// Token buckets that hold across nodes: in Redis when the bus is Redis (one Lua script per take, so
// concurrent attempts on any node see one count), in this process otherwise (a single node). Used for
// sign-in and password changes, where a per-node limit would multiply with the number of nodes.
import type { Redis } from 'ioredis';

/** A bucket of `burst` tries that refills at `perSecond`. */
export interface Policy {
	burst: number;
	perSecond: number;
}

export interface SharedLimiter {
	/** Takes one try from `key`'s bucket at `now` (ms); when empty, how long until one is back. */
	take(key: string, policy: Policy, now: number): Promise<{ ok: boolean; retryAfterMs: number }>;
	/** Gives a try back (the attempt succeeded, so it should not count). */
	give(key: string, policy: Policy, now: number): Promise<void>;
}

interface Bucket {
	tokens: number;
	at: number;
}

/** The bucket after refilling to `now` and applying `cost` (negative: a refund); pure. */
export function step(b: Bucket | undefined, policy: Policy, now: number, cost: number): { bucket: Bucket; ok: boolean; retryAfterMs: number } {
	const tokens = Math.min(policy.burst, (b?.tokens ?? policy.burst) + (Math.max(0, now - (b?.at ?? now)) / 1000) * policy.perSecond);
	if (cost > 0 && tokens < cost) {
		return { bucket: { tokens, at: now }, ok: false, retryAfterMs: Math.ceil(((cost - tokens) / policy.perSecond) * 1000) };
	}
	return { bucket: { tokens: Math.min(policy.burst, tokens - cost), at: now }, ok: true, retryAfterMs: 0 };
}

export function memoryLimiter(): SharedLimiter {
	const buckets = new Map<string, Bucket>();
	const apply = (key: string, policy: Policy, now: number, cost: number) => {
		const r = step(buckets.get(key), policy, now, cost);
		buckets.set(key, r.bucket);
		if (buckets.size > 50_000) {
			for (const [k, b] of buckets) if (now - b.at > 3_600_000) buckets.delete(k);
		}
		return r;
	};
	return {
		async take(key, policy, now) {
			const { ok, retryAfterMs } = apply(key, policy, now, 1);
			return { ok, retryAfterMs };
		},
		async give(key, policy, now) {
			apply(key, policy, now, -1);
		}
	};
}

// The same arithmetic as step(), atomically in Redis. The key expires once the bucket would be full.
const SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local ok = 1
local wait = 0
if cost > 0 and tokens < cost then
	ok = 0
	wait = math.ceil((cost - tokens) / rate * 1000)
else
	tokens = math.min(burst, tokens - cost)
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {ok, wait}`;

export function redisLimiter(redis: Redis, namespace: string): SharedLimiter {
	const run = async (key: string, policy: Policy, now: number, cost: number) => {
		const [ok, wait] = (await redis.eval(SCRIPT, 1, `${namespace}:limit:${key}`, policy.burst, policy.perSecond, now, cost)) as [number, number];
		return { ok: ok === 1, retryAfterMs: wait };
	};
	return {
		take: (key, policy, now) => run(key, policy, now, 1),
		async give(key, policy, now) {
			await run(key, policy, now, -1);
		}
	};
}
