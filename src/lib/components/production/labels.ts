// Words for production: the statuses of orders (declared with their transitions in
// server/production/order-state.ts), operations and work centres, named here for the pages
// (tests/unit/app/list-values.test.ts holds the lists equal to the server's), weekdays, and the types
// of production events.
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';

export const MO_STATUSES = ['created', 'released', 'in_progress', 'completed', 'cancelled'] as const;
export type MoStatusName = (typeof MO_STATUSES)[number];

export const WC_STATUSES = ['up', 'down', 'maintenance'] as const;
export type WcStatusName = (typeof WC_STATUSES)[number];

export const OP_STATUSES = ['waiting', 'running', 'done'] as const;
export type OpStatusName = (typeof OP_STATUSES)[number];

const STATUS_KEYS = {
	mo: {
		created: 'mo.status.created',
		released: 'mo.status.released',
		in_progress: 'mo.status.in_progress',
		completed: 'mo.status.completed',
		cancelled: 'mo.status.cancelled'
	} satisfies Record<MoStatusName, MessageKey>,
	wc: { up: 'wc.status.up', down: 'wc.status.down', maintenance: 'wc.status.maintenance' } satisfies Record<WcStatusName, MessageKey>,
	op: { waiting: 'op.status.waiting', running: 'op.status.running', done: 'op.status.done' } satisfies Record<OpStatusName, MessageKey>
};

export type StatusKind = keyof typeof STATUS_KEYS;

/** A status in words; an unknown one shows as it is. */
export function statusLabel(t: Translate, kind: StatusKind, status: string): string {
	const key = (STATUS_KEYS[kind] as Record<string, MessageKey>)[status];
	return key ? t(key) : status;
}

/** Whether work may be reported on an order in this status (order-state.ts: released or in progress). */
export const isOpen = (status: string) => status === 'released' || status === 'in_progress';

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const DAY_KEYS = {
	1: 'wc.day.1',
	2: 'wc.day.2',
	3: 'wc.day.3',
	4: 'wc.day.4',
	5: 'wc.day.5',
	6: 'wc.day.6',
	7: 'wc.day.7'
} satisfies Record<(typeof WEEKDAYS)[number], MessageKey>;

export const weekdayLabel = (t: Translate, day: number): string => (day in DAY_KEYS ? t(DAY_KEYS[day as keyof typeof DAY_KEYS]) : String(day));

/** Weekdays worked, short: "Mon Tue Wed Thu Fri". */
export const workdaysText = (t: Translate, days: readonly number[]): string =>
	[...days].sort((a, b) => a - b).map((d) => weekdayLabel(t, d)).join(' ');

export const shiftsText = (shifts: readonly { start: string; end: string }[]): string => shifts.map((s) => `${s.start}–${s.end}`).join(', ');

const EVENT_KEYS: Record<string, MessageKey> = {
	'work_center.upserted': 'prodEvent.wcSaved',
	'work_center.status_changed': 'prodEvent.wcStatus',
	'routing.replaced': 'prodEvent.routing',
	'production_order.created': 'prodEvent.created',
	'production_order.released': 'prodEvent.released',
	'operation.started': 'prodEvent.started',
	'production.reported': 'prodEvent.reported',
	'production.report_reversed': 'prodEvent.reportReversed',
	'production_order.completed': 'prodEvent.completed',
	'production_order.cancelled': 'prodEvent.cancelled',
	'production_order.rescheduled': 'prodEvent.rescheduled',
	'stock.issued': 'prodEvent.issued'
};

export const productionEventLabel = (t: Translate, type: string): string => (EVENT_KEYS[type] ? t(EVENT_KEYS[type]) : type);

/** Something to choose in a form: a code and its name. */
export interface Choice {
	id: string;
	name: string;
}

/** A reason code as the forms offer it: its label in the page's language. */
export interface ReasonChoice {
	code: string;
	label: string;
	active: boolean;
}
