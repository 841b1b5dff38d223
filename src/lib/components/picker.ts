// The pure part of a picker (Picker.svelte): where it asks for choices, how the highlighted choice
// moves with the arrow keys, and how a small list given by the page is searched the way the server
// searches (server/masterdata/lookup.queries.ts: codes starting with the term first, then names
// containing it, case-insensitive).

export const PICKER_KINDS = ['item', 'customer', 'supplier', 'work-center', 'location'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

export interface PickerOption {
	code: string;
	name: string;
	/** An item's unit, a work centre's department; null when there is nothing to add. */
	detail: string | null;
}

export const PICKER_LIMIT = 20;

/** The lookup URL for a term; empty filter values are left out. */
export function lookupUrl(kind: PickerKind, q: string, params: Readonly<Record<string, string | undefined>> = {}, limit = PICKER_LIMIT): string {
	const search = new URLSearchParams({ q: q.trim(), limit: String(limit) });
	for (const [k, v] of Object.entries(params)) if (v?.trim()) search.set(k, v.trim());
	return `/api/lookup/${kind}?${search}`;
}

/**
 * The option highlighted after a key: down from none is the first, up from none the last; both wrap
 * around; Home and End jump. -1 is none (nothing to highlight).
 */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): number {
	if (count <= 0) return -1;
	switch (key) {
		case 'ArrowDown':
			return active < 0 || active >= count - 1 ? 0 : active + 1;
		case 'ArrowUp':
			return active <= 0 ? count - 1 : active - 1;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
	}
}

/** A page's own options searched as the server searches: code prefix first, then name, by code. */
export function matchOptions(options: readonly PickerOption[], term: string, limit = PICKER_LIMIT): PickerOption[] {
	const q = term.trim().toLowerCase();
	const byCode = (a: PickerOption, b: PickerOption) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
	const prefix = options.filter((o) => o.code.toLowerCase().startsWith(q)).sort(byCode);
	const named = options.filter((o) => !o.code.toLowerCase().startsWith(q) && o.name.toLowerCase().includes(q)).sort(byCode);
	return [...prefix, ...named].slice(0, limit);
}

/** The record whose code is exactly the one typed, among those known. */
export function exactOption(options: readonly PickerOption[], code: string): PickerOption | undefined {
	const c = code.trim();
	return c ? options.find((o) => o.code === c) : undefined;
}

/** What is shown under the field once a code names a record: its name and unit (or department). */
export function chosenText(o: PickerOption): string {
	if (!o.name) return '';
	return o.detail ? `${o.name} (${o.detail})` : o.name;
}

/** A page's choices ({id, name}, maybe a unit) as picker options. */
export function optionsOf(choices: readonly { id: string; name: string; uom?: string }[]): PickerOption[] {
	return choices.map((c) => ({ code: c.id, name: c.name, detail: c.uom ?? null }));
}

/** Location codes as picker options (a location has no name of its own). */
export const locationOptions = (codes: readonly string[]): PickerOption[] => codes.map((code) => ({ code, name: '', detail: null }));
