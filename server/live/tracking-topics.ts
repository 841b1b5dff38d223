// The live topic of a customer's order tracking page: `track:<linkId>`, whose value is exactly what
// the page shows (server/sales/tracking.ts, trackingView) or `{revoked: true}` once the link is
// revoked. Only the share link's own connection may follow it (a `tracking` principal, made by the hub's
// authentication from the link's secret), and that connection may follow nothing else (hub.ts): an
// outside party never reaches the staff topics. The hub reads the value again after commits that may
// change it and sends it only when it changed, so another customer's events never reach the page.
import type { Principal } from '../auth/tokens.ts';
import type { Queryable } from '../db/db.ts';
import type { Clock } from '../clock.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { trackingLinkById, trackingView, type TrackingView } from '../sales/tracking.ts';
import type { TopicProvider } from './topics.ts';

export const TRACKING_TOPIC_PREFIX = 'track:';
const TOPIC = /^track:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function trackingTopic(linkId: string): string {
	return TRACKING_TOPIC_PREFIX + linkId;
}

export type TrackingTopicValue = TrackingView | { revoked: true };

/** The principal of a tracking page's connection: it names its link and may do nothing else. */
export function trackingPrincipal(linkId: string): Principal {
	return { kind: 'tracking', tokenId: linkId, name: `tracking:${linkId}`, roles: [], eventTypes: [], reads: [], screens: [] };
}

/** Event types whose commits may change a tracking view: its orders, lines, production and stock, names. */
const AFFECTING = ['sales_order.', 'shipment.', 'production_order.', 'production.', 'operation.', 'stock.', 'goods.', 'inspection.', 'customer.upserted', 'item.upserted'];

/** What a topic's last reading showed: its customer and orders, to pass over events about other ones. */
export interface TrackingScope {
	customerId: string;
	orderIds: Set<string>;
}
const MAX_SCOPES = 10_000;

export function trackingTopics(d: { db: Queryable; clock: Clock; timeZone: string }): TopicProvider {
	const scopes = new Map<string, TrackingScope>();
	return {
		kind: 'value',
		forTracking: true,
		matches: (topic) => TOPIC.test(topic),
		authorize: (p, topic) => p.kind === 'tracking' && topic === trackingTopic(p.tokenId),
		async snapshot(topic): Promise<TrackingTopicValue> {
			const linkId = TOPIC.exec(topic)![1];
			const link = await trackingLinkById(d.db, linkId);
			if (!link || link.revoked) {
				scopes.delete(topic);
				return { revoked: true };
			}
			const view = await trackingView(d.db, { customerId: link.customerId, now: d.clock.now(), timeZone: d.timeZone });
			if (scopes.size >= MAX_SCOPES && !scopes.has(topic)) scopes.clear();
			scopes.set(topic, { customerId: link.customerId, orderIds: new Set(view.orders.map((o) => o.orderId)) });
			return view;
		},
		affectedBy: (topic, events) => events.some((e) => mayChangeTrackingView(topic, scopes.get(topic), e)),
		// A due date passing turns a line late, and a new day moves what is shown, without any event.
		refreshMs: 60_000
	};
}

/**
 * Whether a committed event may change a tracking topic's value (the hub then reads it again). Without a
 * scope (not read yet) every event of an affecting type may.
 */
export function mayChangeTrackingView(topic: string, scope: TrackingScope | undefined, e: Pick<StoredEvent, 'type' | 'data'>): boolean {
	const data = (e.data ?? {}) as Record<string, unknown>;
	if (e.type === 'tracking_link.revoked') return topic === trackingTopic(String(data.linkId));
	if (!AFFECTING.some((t) => (t.endsWith('.') ? e.type.startsWith(t) : e.type === t))) return false;
	if (!scope) return true;
	// An event naming another customer leaves this view as it is, and so does one about an order it does
	// not show, unless the event can bring such an order back (a change adding or raising a line).
	if (typeof data.customerId === 'string') return data.customerId === scope.customerId;
	const orderId = typeof data.orderId === 'string' ? data.orderId : typeof data.salesOrderId === 'string' ? data.salesOrderId : null;
	if (orderId !== null && e.type !== 'sales_order.changed') return scope.orderIds.has(orderId);
	return true;
}
