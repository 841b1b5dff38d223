// Words for sales orders: line statuses (derived on the server by server/sales/line-status.ts, which
// owns the list; named here for the pages, keyed by its type so neither can drift) and the types of an
// order's events.
import type { MessageKey } from '$lib/i18n';
import type { LineStatus } from '$server/sales/line-status.ts';
import type { ReasonChoice } from '$server/shared/reason-codes.ts';
import type { Translate } from '../issues.ts';

export type { ReasonChoice };
export type LineStatusName = LineStatus;

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

/** The statuses, in the order the list's filter offers them. */
export const LINE_STATUSES = Object.keys(STATUS_KEYS) as LineStatusName[];

export const statusLabel = (t: Translate, status: string): string =>
	status in STATUS_KEYS ? t(STATUS_KEYS[status as LineStatusName]) : status;

const EVENT_KEYS: Record<string, MessageKey> = {
	'sales_order.created': 'salesEvent.created',
	'sales_order.changed': 'salesEvent.changed',
	'sales_order.cancelled': 'salesEvent.cancelled',
	'sales_order.promised': 'salesEvent.promised',
	'shipment.shipped': 'salesEvent.shipped',
	'shipment.reversed': 'salesEvent.shipmentReversed'
};

export const salesEventLabel = (t: Translate, type: string): string => (EVENT_KEYS[type] ? t(EVENT_KEYS[type]) : type);
