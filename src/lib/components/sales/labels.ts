// Words for sales orders: line statuses (derived on the server by server/sales/line-status.ts, named
// here for the pages; src/routes/sales/orders.server.ts checks the two lists are the same) and the
// types of an order's events.
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';

export const LINE_STATUSES = ['open', 'promised', 'in_production', 'ready', 'partially_shipped', 'shipped', 'late', 'cancelled'] as const;
export type LineStatusName = (typeof LINE_STATUSES)[number];

const STATUS_KEYS = {
	open: 'status.open',
	promised: 'status.promised',
	in_production: 'status.in_production',
	ready: 'status.ready',
	partially_shipped: 'status.partially_shipped',
	shipped: 'status.shipped',
	late: 'status.late',
	cancelled: 'status.cancelled'
} satisfies Record<LineStatusName, MessageKey>;

export const statusLabel = (t: Translate, status: string): string =>
	status in STATUS_KEYS ? t(STATUS_KEYS[status as LineStatusName]) : status;

const EVENT_KEYS: Record<string, MessageKey> = {
	'sales_order.created': 'salesEvent.created',
	'sales_order.changed': 'salesEvent.changed',
	'sales_order.cancelled': 'salesEvent.cancelled',
	'sales_order.promised': 'salesEvent.promised',
	'shipment.shipped': 'salesEvent.shipped'
};

export const salesEventLabel = (t: Translate, type: string): string => (EVENT_KEYS[type] ? t(EVENT_KEYS[type]) : type);

/** A reason code as the forms offer it: its label in the page's language. */
export interface ReasonChoice {
	code: string;
	label: string;
	active: boolean;
}
