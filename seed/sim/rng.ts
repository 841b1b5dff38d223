// Seeded randomness for the simulator. A stream is named by the seed and a key (what it decides and
// for which record or hour), so a decision does not depend on how many draws came before it: the same
// seed gives the same order in the same hour, the same lateness to the same purchase order line, also
// after a restart or when another part of the simulation changed. sfc32 seeded through cyrb128.

/** Four 32-bit words from a string (cyrb128). */
function cyrb128(str: string): [number, number, number, number] {
	let h1 = 1779033703,
		h2 = 3144134277,
		h3 = 1013904242,
		h4 = 2773480762;
	for (let i = 0; i < str.length; i++) {
		const k = str.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Whole number in [min, max]. */
	int(min: number, max: number): number;
	/** True with probability p. */
	chance(p: number): boolean;
	/** Poisson-distributed count with mean `mean` (Knuth; the means here are small). */
	poisson(mean: number): number;
	/** Exponentially distributed with mean `mean`. */
	exp(mean: number): number;
	/** Binomial count of `n` trials with probability p (normal approximation for large n). */
	binomial(n: number, p: number): number;
	/** An index drawn by weight (weights ≥ 0, not all 0). */
	weighted(weights: readonly number[]): number;
	/** One element, uniformly. */
	pick<T>(list: readonly T[]): T;
}

/** The stream named by `seed` and `keys`. */
export function stream(seed: number | string, ...keys: (string | number)[]): Rng {
	let [a, b, c, d] = cyrb128([String(seed), ...keys.map(String)].join('\u0000'));
	const next = () => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// A few draws first: nearby keys start from well-mixed states.
	for (let i = 0; i < 12; i++) next();
	const rng: Rng = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		poisson(mean) {
			if (mean <= 0) return 0;
			if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
			const limit = Math.exp(-mean);
			let k = 0;
			let p = next();
			while (p > limit) {
				k++;
				p *= next();
			}
			return k;
		},
		exp: (mean) => -mean * Math.log(1 - next()),
		binomial(n, p) {
			if (n <= 0 || p <= 0) return 0;
			if (p >= 1) return n;
			if (n > 50) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())));
			let k = 0;
			for (let i = 0; i < n; i++) if (next() < p) k++;
			return k;
		},
		weighted(weights) {
			const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
			let x = next() * total;
			for (let i = 0; i < weights.length; i++) {
				x -= Math.max(0, weights[i]);
				if (x < 0) return i;
			}
			return weights.length - 1;
		},
		pick: (list) => list[Math.floor(next() * list.length)]
	};
	function normal(): number {
		// Box–Muller.
		const u = 1 - next();
		const v = next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
	return rng;
}
