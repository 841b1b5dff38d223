// The "saved" confirmation after a form action. A saved form redirects to its record with the flash in
// the redirect's URL (`?notice=<kind>&saved=<id>`), read by the root layout (SavedNotice.svelte). The URL,
// not a cookie: the page the redirect opens is the one that shows it, with use:enhance and without
// JavaScript alike; nothing can be consumed by another tab or a preloading request; and the settings
// pages already name the saved record in `?saved=`. With scripts on, the notice leaves after a few
// seconds and drops `notice` from the address, so a reload does not say it again.

export const NOTICE_KINDS = [
	'so.created',
	'so.shipped',
	'so.promised',
	'so.changed',
	'so.cancelled',
	'req.created',
	'req.approved',
	'req.rejected',
	'po.placed',
	'po.confirmed',
	'po.delayed',
	'po.received',
	'po.inspected',
	'mo.created',
	'mo.released',
	'mo.started',
	'mo.reported',
	'mo.issued',
	'mo.completed',
	'mo.cancelled',
	'wc.saved',
	'wc.status',
	'routing.saved',
	'stock.adjusted',
	'stock.transferred',
	'stock.issued',
	'item.saved',
	'bom.saved',
	'customer.saved',
	'supplier.saved',
	'supplierItem.saved',
	'customerPrice.saved',
	'customerPrice.removed',
	'corrected',
	'settings.saved'
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
	kind: NoticeKind;
	id: string;
}

const isKind = (v: string | null): v is NoticeKind => v !== null && (NOTICE_KINDS as readonly string[]).includes(v);

/** Where a saved form goes: `href` (which may carry a query already) with the notice of `kind` for `id`. */
export function savedHref(href: string, kind: NoticeKind, id = ''): string {
	const [path, query = ''] = href.split('?');
	const params = new URLSearchParams(query);
	params.set('notice', kind);
	if (id) params.set('saved', id);
	else params.delete('saved');
	return `${path}?${params}`;
}

/** The notice an address carries; an unknown kind (an old or edited link) carries none. */
export function noticeOf(url: URL): Notice | null {
	const kind = url.searchParams.get('notice');
	return isKind(kind) ? { kind, id: url.searchParams.get('saved') ?? '' } : null;
}

/** The address without its notice (the record named in `saved` stays: lists mark their saved row by it). */
export function withoutNotice(url: URL): URL {
	const out = new URL(url);
	out.searchParams.delete('notice');
	return out;
}
