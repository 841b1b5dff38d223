// FIFO pegging of one item: supplies in the order they become available are handed to demands in
// the order they are needed. Every supply's pegs add up to its quantity; what no demand takes is
// pegged to stock, free from the bucket the supply arrives in.
import { EPS } from './lot-sizing.ts';
import type { DemandSource, Peg } from './types.ts';

export interface PegDemand {
	bucket: number;
	qty: number;
	source: DemandSource;
}

export interface PegSupply {
	qty: number;
	/** Where a surplus is free from. */
	stockBucket: number;
}

export const STOCK = Object.freeze({ kind: 'stock' as const });

/** Pegs per supply (same order as `supplies`). `demands` must already be in the order they are served. */
export function pegFifo(supplies: PegSupply[], demands: PegDemand[]): Peg[][] {
	const out: Peg[][] = [];
	let d = 0;
	let open = demands.length ? demands[0].qty : 0;
	for (const s of supplies) {
		const pegs: Peg[] = [];
		let rest = s.qty;
		while (rest > EPS && d < demands.length) {
			if (open <= EPS) {
				open = ++d < demands.length ? demands[d].qty : 0;
				continue;
			}
			const take = open < rest ? open : rest;
			pegs.push({ qty: take, demand: demands[d].source, bucket: demands[d].bucket });
			rest -= take;
			open -= take;
		}
		if (rest > EPS) pegs.push({ qty: rest, demand: STOCK, bucket: s.stockBucket });
		else if (rest !== 0 && pegs.length) pegs[pegs.length - 1].qty += rest;
		out.push(pegs);
	}
	return out;
}
