// The new-order form's promise hint: what a line asks POST /api/planning/promise. The answer's reasons
// come worded in the signed-in user's language.
import type { PromiseAnswer, PromiseReason } from '$server/planning/promise.ts';

export type { PromiseAnswer, PromiseReason };

export interface PromiseAsk {
	itemId: string;
	qty: number;
	requestedDate?: string;
}

/** What a line asks, from what is typed; null while the item or a positive quantity is missing. */
export function askOf(itemId: string, qty: string, requestedDate: string): PromiseAsk | null {
	const id = itemId.trim();
	const n = Number(qty.trim());
	if (!id || !qty.trim() || !Number.isFinite(n) || n <= 0) return null;
	const date = /^\d{4}-\d{2}-\d{2}$/.test(requestedDate.trim()) ? requestedDate.trim() : undefined;
	return { itemId: id, qty: n, ...(date ? { requestedDate: date } : {}) };
}

/** A date as the hint shows it: MM-DD within `year`, else the whole date. */
export const shortDate = (iso: string, year: string) => (iso.slice(0, 4) === year ? iso.slice(5) : iso);
