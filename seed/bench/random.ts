// The benchmark data's randomness: one small seeded generator (mulberry32), the same sequence on every
// machine, and the draws built on it. Nothing here reads the clock or Math.random, so a seed fixes
// every value the benchmark data holds, event ids included.

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Draws on one seeded stream. */
export class Rng {
	readonly next: () => number;

	constructor(seed: number) {
		this.next = random(seed);
	}

	/** A whole number from lo to hi, both included. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	/** A whole number in [lo, hi] for a range given as a pair. */
	range([lo, hi]: readonly [number, number]): number {
		return this.int(lo, hi);
	}

	pick<T>(xs: readonly T[]): T {
		return xs[Math.floor(this.next() * xs.length)];
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** A UUID with the version 4 layout, drawn from the stream. */
	uuid(): string {
		let s = '';
		for (let i = 0; i < 32; i++) {
			let d = Math.floor(this.next() * 16);
			if (i === 12) d = 4;
			else if (i === 16) d = (d & 0x3) | 0x8;
			s += d.toString(16);
			if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
		}
		return s;
	}
}

/**
 * Exactly `share` of the calls answer true, spread evenly (the k-th call answers whether the running
 * total crossed a whole number): proportions that hold exactly, not only on average.
 */
export function everyNth(share: number): () => boolean {
	let k = 0;
	return () => {
		k++;
		return Math.floor(k * share) > Math.floor((k - 1) * share);
	};
}

/** How many of a rate of `perDay` fall on day `day` (0-based), so that the days add up to the exact total. */
export function dailyQuota(perDay: number, day: number): number {
	return Math.floor((day + 1) * perDay + 1e-9) - Math.floor(day * perDay + 1e-9);
}
