// FIFO pegging of one item: supplies in the order they become available are handed to demands in
// the order they are needed. Every supply's pegs add up to its quantity; what no demand takes is
// pegged to stock, free from the bucket the supply arrives in.
import { EPS as EPSILON } from './lot-sizing.ts';
import type { DemandSource, Peg } from './types.ts';

const EPS = EPSILON;

/** One item's demands as parallel arrays (there are many: no object per demand until it is pegged). */
export interface DemandList {
	bucket: number[];
	qty: number[];
	source: DemandSource[];
}

export const STOCK = Object.freeze({ kind: 'stock' as const });

/**
 * Pegs per supply (same order as the supplies). `demands` must be in the order they are served;
 * supply `s` has quantity `qty[s]` and is free from `stockBucket[s]`.
 */
export function pegFifo(qty: number[], stockBucket: number[], demands: DemandList): Peg[][] {
	const out: Peg[][] = new Array(qty.length);
	const nd = demands.qty.length;
	const scratch: Peg[] = [];
	let d = 0;
	let open = nd ? demands.qty[0] : 0;
	for (let s = 0; s < qty.length; s++) {
		scratch.length = 0;
		let rest = qty[s];
		while (rest > EPS && d < nd) {
			if (open <= EPS) {
				open = ++d < nd ? demands.qty[d] : 0;
				continue;
			}
			const take = open < rest ? open : rest;
			scratch.push({ qty: take, demand: demands.source[d], bucket: demands.bucket[d] });
			rest -= take;
			open -= take;
		}
		if (rest > EPS) scratch.push({ qty: rest, demand: STOCK, bucket: stockBucket[s] });
		else if (rest !== 0 && scratch.length) scratch[scratch.length - 1].qty += rest;
		out[s] = scratch.slice();
	}
	return out;
}
