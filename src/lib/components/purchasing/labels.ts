// Words for purchasing: requisition statuses and list filters, purchase order filters, event types.
// The lists here are the URL's allowed values as server/purchasing/*-status.ts declares them (tests/unit/app/list-values.test.ts holds them equal).
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';

/** As the requisitions projection stores them (server/purchasing/projectors.ts). */
export const REQ_STATUSES = ['pending', 'approved', 'rejected', 'ordered'] as const;
export type ReqStatus = (typeof REQ_STATUSES)[number];

/** The requisition list's filters: a status, everything, or what waits for one of the user's roles. */
export const REQ_FILTERS = ['awaiting', 'all', ...REQ_STATUSES] as const;
export type ReqFilter = (typeof REQ_FILTERS)[number];

/**
 * The purchase order list's filters: still to receive, late (still to receive after its expected
 * date), received in full, and with received goods waiting for inspection.
 */
export const PO_FILTERS = ['open', 'late', 'received', 'inspection'] as const;
export type PoFilter = (typeof PO_FILTERS)[number];

const REQ_FILTER_KEYS = {
	awaiting: 'req.filter.awaiting',
	all: 'req.filter.all',
	pending: 'req.status.pending',
	approved: 'req.status.approved',
	rejected: 'req.status.rejected',
	ordered: 'req.status.ordered'
} satisfies Record<ReqFilter, MessageKey>;

export const reqFilterLabel = (t: Translate, f: ReqFilter): string => t(REQ_FILTER_KEYS[f]);

export const reqStatusLabel = (t: Translate, status: string): string =>
	(REQ_STATUSES as readonly string[]).includes(status) ? t(REQ_FILTER_KEYS[status as ReqStatus]) : status;

const PO_FILTER_KEYS = {
	open: 'po.filter.open',
	late: 'po.filter.late',
	received: 'po.filter.received',
	inspection: 'po.filter.inspection'
} satisfies Record<PoFilter, MessageKey>;

export const poFilterLabel = (t: Translate, f: PoFilter): string => t(PO_FILTER_KEYS[f]);

const EVENT_KEYS: Record<string, MessageKey> = {
	'requisition.created': 'po.event.requisitionCreated',
	'requisition.approved': 'po.event.requisitionApproved',
	'requisition.rejected': 'po.event.requisitionRejected',
	'purchase_order.placed': 'po.event.placed',
	'purchase_order.confirmed': 'po.event.confirmed',
	'purchase_order.delayed': 'po.event.delayed',
	'purchase_order.expedite_requested': 'po.event.expediteRequested',
	'goods.received': 'po.event.received',
	'goods.receipt_reversed': 'po.event.receiptReversed',
	'inspection.reversed': 'po.event.inspectionReversed',
	'inspection.recorded': 'po.event.inspected'
};

export const purchasingEventLabel = (t: Translate, type: string): string => (EVENT_KEYS[type] ? t(EVENT_KEYS[type]) : type);

/** A reason code as the forms offer it: its label in the page's language. */
export interface ReasonChoice {
	code: string;
	label: string;
	active: boolean;
}

/** A supplier or item to choose from. */
export interface Choice {
	id: string;
	name: string;
}
