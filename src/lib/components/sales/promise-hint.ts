// The new-order form's promise hint: what a line asks POST /api/planning/promise, and the answer's
// reasons worded in the page's language by code and parameters (src/lib/i18n/areas/promise.ts).
import type { Locale } from '$lib/i18n';
import { promiseReasons, type ReasonWords } from '$lib/i18n/areas/promise.ts';
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

export function reasonWords(locale: Locale, year: string): ReasonWords {
	const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
	return { date: (iso) => shortDate(iso, year), num: (n) => fmt.format(n) };
}

/** A reason in the page's language; the server's English when the code is one this page does not know. */
export function wordReason(locale: Locale, r: PromiseReason, words: ReasonWords): string {
	const text = (promiseReasons[locale] as Record<string, ((p: never, w: ReasonWords) => string) | undefined>)[r.code];
	if (!text) return r.message;
	try {
		return text(r.params as never, words);
	} catch {
		return r.message;
	}
}
