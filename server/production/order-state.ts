// The production order state machine, declared where it is documented (after Odoo's mrp_production):
//   created      entered (by hand now, from the plan later); operations copied from the routing
//   released     may be worked on
//   in_progress  an operation started or a quantity was reported
//   completed    closed; good quantity went into stock
//   cancelled    closed without completing
export const ORDER_TRANSITIONS = {
	created: ['released', 'cancelled'],
	released: ['in_progress', 'completed', 'cancelled'],
	in_progress: ['completed', 'cancelled'],
	completed: [],
	cancelled: []
} as const satisfies Record<string, readonly string[]>;

export type OrderStatus = keyof typeof ORDER_TRANSITIONS;

/** Whether an order in `from` may move to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
	return (ORDER_TRANSITIONS[from] as readonly string[]).includes(to);
}
