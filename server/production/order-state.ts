// The production order state machine, declared where it is documented (after Odoo's mrp_production):
//   created      entered (by hand now, from the plan later); operations copied from the routing
//   released     may be worked on
//   in_progress  an operation started or a quantity was reported
//   completed    closed; good quantity went into stock
//   cancelled    closed without completing
// Commands check it before they emit, guards before an ingested event applies, and projectors write a
// status only from the states `sourcesOf` allows. A refused transition is ERR_MO_TRANSITION.
import type { Refusal } from '../events/refusal.ts';
import { stateMachine } from '../events/state-machine.ts';

export const ORDER_TRANSITIONS = {
	created: ['released', 'cancelled'],
	released: ['in_progress', 'completed', 'cancelled'],
	in_progress: ['completed', 'cancelled'],
	completed: [],
	cancelled: []
} as const satisfies Record<string, readonly string[]>;

export type OrderStatus = keyof typeof ORDER_TRANSITIONS;

export const ORDER_INITIAL: OrderStatus = 'created';

export const orderMachine = stateMachine(ORDER_TRANSITIONS, (from, to, path) => ({
	code: 'ERR_MO_TRANSITION',
	path,
	message: `a ${from} order cannot become ${to}`,
	params: { from, to }
}));

/** Whether an order in `from` may move to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
	return orderMachine.can(from, to);
}

/** Work (starting an operation, reporting) keeps a released or in-progress order in progress. */
export function workRefusal(from: OrderStatus, path = 'productionOrderId') {
	return from === 'in_progress' ? null : orderMachine.refusal(from, 'in_progress', path, '');
}

/** Closed orders take no more work or stock. */
export const isClosed = (s: OrderStatus) => ORDER_TRANSITIONS[s].length === 0;

/** An order completes only with some good quantity; otherwise it is cancelled. */
export function nothingGoodRefusal(good: number, path = 'productionOrderId') {
	return good > 0 ? null : { code: 'ERR_MO_NOTHING_GOOD', path, message: 'report a good quantity before completing, or cancel the order' } satisfies Refusal;
}

/** Components are not issued to a closed order, and a closed order keeps its due date (no reschedule). */
export function closedOrderRefusal(status: OrderStatus, path = 'productionOrderId') {
	return isClosed(status) ? ({ code: 'ERR_MO_CLOSED', path, message: `production order is ${status}`, params: { status } } satisfies Refusal) : null;
}
