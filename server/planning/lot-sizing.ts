// Lot sizing (CONTRACTS.md, `mrp` CLI): the rule gives a quantity from the net requirements, then `min`
// raises it and `multiple` rounds it up, in that order. Pure arithmetic on one item's netting.
import type { LotSizing } from './types.ts';

/** Quantities closer than this count as equal (fractional units and scrap factors leave float noise). */
export const EPS = 1e-7;

/** ceil that forgives float noise: 3.0000000001 lots is 3 lots. */
const ceilLots = (x: number) => Math.ceil(x - 1e-9);

/**
 * The planned order quantity for a net requirement `net` in bucket `bs[k]` of one item's sparse
 * netting. POQ looks ahead: `windowNeed(last)` is the most the item needs to cover every bucket
 * up to `last` (inclusive) without a further order; it is only called for POQ.
 */
export function lotSize(rule: LotSizing, net: number, windowNeed: (lastBucket: number) => number, bucket: number): number {
	let lot: number;
	switch (rule.rule) {
		case 'FOQ': {
			const q = rule.qty && rule.qty > 0 ? rule.qty : net;
			lot = ceilLots(net / q) * q;
			break;
		}
		case 'POQ': {
			const periods = rule.periods && rule.periods > 1 ? Math.floor(rule.periods) : 1;
			lot = periods > 1 ? Math.max(net, windowNeed(bucket + periods - 1)) : net;
			break;
		}
		default:
			lot = net;
	}
	if (rule.min !== undefined && lot < rule.min) lot = rule.min;
	if (rule.multiple !== undefined && rule.multiple > 0) lot = ceilLots(lot / rule.multiple) * rule.multiple;
	return lot;
}
