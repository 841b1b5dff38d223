// Links within a list page whose filters, sort and page live in the URL, so a view can be shared.

export type ListChange = Record<string, string | number | undefined>;

/**
 * The list at `base` with the parameters in `change` set (or removed when empty) and the others kept.
 * A changed filter or sort goes back to page 1; page 1 itself is left out of the URL. `lang` is not
 * carried: the cookie it set already holds the language. `drop` names parameters that only make sense
 * on the page where they arrived.
 */
export function listHref(current: URLSearchParams, base: string, change: ListChange, drop: readonly string[] = []): string {
	const p = new URLSearchParams(current);
	for (const k of ['lang', ...drop]) p.delete(k);
	if (!('page' in change)) p.delete('page');
	for (const [k, v] of Object.entries(change)) {
		if (v === undefined || v === '' || (k === 'page' && v === 1)) p.delete(k);
		else p.set(k, String(v));
	}
	const s = p.toString();
	return s ? `${base}?${s}` : base;
}
