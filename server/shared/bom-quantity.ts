// What making a quantity of a parent takes of one component: the quantity per parent unit plus the
// component's scrap allowance (a percentage of it). Production issues by this (backflush, the order's
// planned components) and planning explodes by it (MRP, promise dates), so the plan buys what the
// shop floor will consume.
export function componentQty(parentQty: number, qtyPer: number, scrapPct = 0): number {
	return parentQty * qtyPer * (1 + scrapPct / 100);
}
