// Customer order tracking: a share link scoped to one customer's orders that opens a read-only page
// (src/routes/track) of each order line's promise date, progress and status, in the customer's
// language. Nothing internal reaches it: no prices or costs, no other customer, no supplier, no plan
// or risk causes (those name suppliers), no people. A link is revocable, and every opening of the page
// is logged (tracking_link_access) and counted on the link. The secret is shown once when the link is
// made and kept only as its SHA-256, as API tokens are.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { CommandRejected, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { code, text } from '../events/primitives.ts';
import { hashToken, newTokenSecret } from '../auth/tokens.ts';
import { deriveLineStatus, lineProgress, type LineStatus } from './line-status.ts';
import { LINE_IN_PRODUCTION_SQL, LINE_READY_SQL } from './queries.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';

export const TRACKING_LOCALES = ['zh-CN', 'en'] as const;
export type TrackingLocale = (typeof TRACKING_LOCALES)[number];

/** Shipped orders stay on the page this many days after their last shipment. */
export const SHIPPED_SHOWN_DAYS = 30;

const createdSchema = z.strictObject({ linkId: z.uuid(), customerId: code, locale: z.enum(TRACKING_LOCALES), label: text(100).optional() });
const revokedSchema = z.strictObject({ linkId: z.uuid(), customerId: code });

export const trackingEventTypes = [
	{ type: 'tracking_link.created', commandOnly: true, schema: createdSchema, description: "A share link to a customer's order tracking page was made (its secret is shown once and never stored)." },
	{ type: 'tracking_link.revoked', commandOnly: true, schema: revokedSchema, description: 'A tracking link was revoked: it no longer opens anything.' }
];

const createInput = z.strictObject({
	customerId: code,
	/** The customer's language: the page speaks it. */
	locale: z.enum(TRACKING_LOCALES).default('zh-CN'),
	/** Who it was sent to, for the list of links (e.g. "采购部 王经理"). */
	label: text(100).optional()
});

export const createTrackingLink: Command<z.infer<typeof createInput>, { linkId: string; token: string; path: string }> = {
	name: 'tracking_link.create',
	input: createInput,
	roles: ['sales', 'manager'],
	async run({ tx, actor, now }, input) {
		const known = await tx.query('select 1 from customers where customer_id = $1', [input.customerId]);
		if (!known.rows.length) throw new CommandRejected('ERR_UNKNOWN_CUSTOMER', 'customerId', `no customer ${input.customerId}`, { customerId: input.customerId });
		const linkId = randomUUID();
		const token = newTokenSecret();
		await tx.query(
			`insert into tracking_links (link_id, customer_id, token_hash, locale, label, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
			[linkId, input.customerId, hashToken(token), input.locale, input.label ?? null, actor.name, now.toISOString()]
		);
		const data: Record<string, unknown> = { linkId, customerId: input.customerId, locale: input.locale };
		if (input.label) data.label = input.label;
		return { events: [{ type: 'tracking_link.created', data }], result: { linkId, token, path: `/track/${token}` } };
	}
};

const revokeInput = z.strictObject({ linkId: z.uuid('must be a tracking link id') });

export const revokeTrackingLink: Command<z.infer<typeof revokeInput>, { linkId: string }> = {
	name: 'tracking_link.revoke',
	input: revokeInput,
	roles: ['sales', 'manager'],
	async run({ tx, actor, now }, input) {
		const r = await tx.query<{ customer_id: string }>(
			`update tracking_links set revoked_at = $2, revoked_by = $3 where link_id = $1 and revoked_at is null returning customer_id`,
			[input.linkId, now.toISOString(), actor.name]
		);
		if (!r.rows.length) throw new AppError('ERR_NOT_FOUND', `no live tracking link ${input.linkId}`);
		return { events: [{ type: 'tracking_link.revoked', data: { linkId: input.linkId, customerId: r.rows[0].customer_id } }], result: { linkId: input.linkId } };
	}
};

export interface TrackingLinkInfo {
	linkId: string;
	label: string | null;
	locale: TrackingLocale;
	createdBy: string;
	createdAt: string;
	revokedAt: string | null;
	revokedBy: string | null;
	accessCount: number;
	lastAccessAt: string | null;
}

/** A customer's links, newest first (for the customer page). */
export async function trackingLinksOf(q: Queryable, customerId: string): Promise<TrackingLinkInfo[]> {
	const r = await q.query<{ link_id: string; label: string | null; locale: TrackingLocale; created_by: string; created_at: Date; revoked_at: Date | null; revoked_by: string | null; access_count: number; last_access_at: Date | null }>(
		`select link_id, label, locale, created_by, created_at, revoked_at, revoked_by, access_count, last_access_at
		from tracking_links where customer_id = $1 order by created_at desc, link_id`,
		[customerId]
	);
	const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
	return r.rows.map((x) => ({
		linkId: x.link_id,
		label: x.label,
		locale: x.locale,
		createdBy: x.created_by,
		createdAt: iso(x.created_at)!,
		revokedAt: iso(x.revoked_at),
		revokedBy: x.revoked_by,
		accessCount: x.access_count,
		lastAccessAt: iso(x.last_access_at)
	}));
}

export interface OpenedLink {
	linkId: string;
	customerId: string;
	locale: TrackingLocale;
}

/**
 * The link a secret opens: null when no link has it, 'revoked' when it was revoked. With `access`,
 * the opening is logged and counted (the page's first load; its refreshes pass no `access`).
 */
export async function openTrackingLink(q: Queryable, token: string, access?: { at: Date; ip: string | null; userAgent: string | null }): Promise<OpenedLink | 'revoked' | null> {
	if (!token || token.length > 200) return null;
	const r = await q.query<{ link_id: string; customer_id: string; locale: TrackingLocale; revoked: boolean }>(
		'select link_id, customer_id, locale, revoked_at is not null as revoked from tracking_links where token_hash = $1',
		[hashToken(token)]
	);
	const link = r.rows[0];
	if (!link) return null;
	if (link.revoked) return 'revoked';
	if (access) {
		await q.query(
			`with logged as (insert into tracking_link_access (link_id, at, ip, user_agent) values ($1, $2, $3, $4))
			update tracking_links set access_count = access_count + 1, last_access_at = $2 where link_id = $1`,
			[link.link_id, access.at.toISOString(), access.ip, access.userAgent?.slice(0, 300) ?? null]
		);
	}
	return { linkId: link.link_id, customerId: link.customer_id, locale: link.locale };
}

/** A link by its id (not its secret): whose it is and whether it still holds. Null when there is none. */
export async function trackingLinkById(q: Queryable, linkId: string): Promise<{ customerId: string; revoked: boolean } | null> {
	if (!UUID.test(linkId)) return null;
	const r = await q.query<{ customer_id: string; revoked: boolean }>('select customer_id, revoked_at is not null as revoked from tracking_links where link_id = $1', [linkId]);
	return r.rows[0] ? { customerId: r.rows[0].customer_id, revoked: r.rows[0].revoked } : null;
}

/** Of these link ids, those of links that exist and are not revoked (the live hub's re-check). */
export async function liveTrackingLinkIds(q: Queryable, linkIds: readonly string[]): Promise<Set<string>> {
	const ids = [...new Set(linkIds.filter((id) => UUID.test(id)))];
	if (!ids.length) return new Set();
	const r = await q.query<{ link_id: string }>('select link_id from tracking_links where link_id = any($1::uuid[]) and revoked_at is null', [ids]);
	return new Set(r.rows.map((x) => x.link_id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The openings of a link, newest first (at most `limit`). */
export async function trackingAccessLog(q: Queryable, linkId: string, limit = 50): Promise<{ at: string; ip: string | null; userAgent: string | null }[]> {
	const r = await q.query<{ at: Date; ip: string | null; user_agent: string | null }>(
		'select at, ip, user_agent from tracking_link_access where link_id = $1 order by at desc limit $2',
		[linkId, limit]
	);
	return r.rows.map((x) => ({ at: new Date(x.at).toISOString(), ip: x.ip, userAgent: x.user_agent }));
}

export interface TrackedLine {
	lineId: string;
	itemId: string | null;
	itemName: string | null;
	qty: number;
	shippedQty: number;
	requestedDate: string | null;
	promisedDate: string | null;
	status: LineStatus;
	progress: number;
	lastShippedAt: string | null;
}

export interface TrackedOrder {
	orderId: string;
	orderedOn: string;
	lines: TrackedLine[];
}

export interface TrackingView {
	customerName: string;
	today: string;
	orders: TrackedOrder[];
}

/**
 * What the customer sees: their orders with a line still to deliver, and those shipped in the last
 * 30 days, newest first; per line the item, quantities, requested and promised dates, status and
 * progress. Deliberately nothing else.
 */
export async function trackingView(q: Queryable, a: { customerId: string; now: Date; timeZone: string }): Promise<TrackingView> {
	const today = factoryDate(a.now, a.timeZone);
	const since = addDays(today, -SHIPPED_SHOWN_DAYS);
	const customer = await q.query<{ name: string }>('select name from customers where customer_id = $1', [a.customerId]);
	const r = await q.query<{
		order_id: string;
		ordered_at: Date;
		line_id: string;
		item_id: string | null;
		item_name: string | null;
		qty: number | null;
		shipped: number;
		requested: string | null;
		promised: string | null;
		cancelled: boolean;
		in_production: boolean;
		ready: boolean;
		last_shipped_at: Date | null;
	}>(
		`select o.order_id, o.ordered_at, l.line_id, l.item_id, i.name as item_name, l.qty::float8 as qty, l.shipped_qty::float8 as shipped,
			to_char(l.requested_date, 'YYYY-MM-DD') as requested, to_char(l.promised_date, 'YYYY-MM-DD') as promised,
			l.cancelled_at is not null as cancelled, ${LINE_IN_PRODUCTION_SQL} as in_production, ${LINE_READY_SQL} as ready, l.last_shipped_at
		from sales_orders o
		join sales_order_lines l on l.order_id = o.order_id
		left join items i on i.item_id = l.item_id
		where o.customer_id = $1
			and (o.open_lines > 0 or exists (select 1 from sales_order_lines s where s.order_id = o.order_id and s.last_shipped_at >= $2::date))
		order by o.ordered_at desc, o.order_id, l.line_id`,
		[a.customerId, since]
	);
	const orders = new Map<string, TrackedOrder>();
	for (const x of r.rows) {
		let o = orders.get(x.order_id);
		if (!o) orders.set(x.order_id, (o = { orderId: x.order_id, orderedOn: factoryDate(new Date(x.ordered_at), a.timeZone), lines: [] }));
		const facts = { qty: x.qty ?? 0, shippedQty: x.shipped, requestedDate: x.requested, promisedDate: x.promised, cancelled: x.cancelled, today, inProduction: x.in_production, ready: x.ready };
		o.lines.push({
			lineId: x.line_id,
			itemId: x.item_id,
			itemName: x.item_name,
			qty: x.qty ?? 0,
			shippedQty: x.shipped,
			requestedDate: x.requested,
			promisedDate: x.promised,
			status: deriveLineStatus(facts),
			progress: lineProgress(facts),
			lastShippedAt: x.last_shipped_at ? new Date(x.last_shipped_at).toISOString() : null
		});
	}
	return { customerName: customer.rows[0]?.name ?? a.customerId, today, orders: [...orders.values()] };
}
