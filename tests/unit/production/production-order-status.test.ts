import { describe, expect, it } from 'vitest';
import { isOverdue, MO_STATUSES, STAGE } from '../../../server/production/production-order-status.ts';
import { ORDER_TRANSITIONS } from '../../../server/production/order-state.ts';

describe('production order statuses as lists read them', () => {
	it('calls an open order due before today overdue, and never a closed one', () => {
		expect(isOverdue({ dueDate: '2026-12-04', status: 'released' }, '2026-12-05')).toBe(true);
		expect(isOverdue({ dueDate: '2026-12-05', status: 'in_progress' }, '2026-12-05')).toBe(false);
		expect(isOverdue({ dueDate: '2026-11-01', status: 'completed' }, '2026-12-05')).toBe(false);
		expect(isOverdue({ dueDate: '2026-11-01', status: 'cancelled' }, '2026-12-05')).toBe(false);
	});

	it('lists every status of the state machine, in the order an order goes through them', () => {
		expect([...MO_STATUSES].sort()).toEqual(Object.keys(ORDER_TRANSITIONS).sort());
		// Every transition moves forward in the stage order the list sorts by.
		for (const [from, tos] of Object.entries(ORDER_TRANSITIONS)) {
			for (const to of tos) expect(STAGE[to as keyof typeof STAGE]).toBeGreaterThan(STAGE[from as keyof typeof STAGE]);
		}
	});
});
