// The declared state machines of production orders and requisitions: what they allow, the states a
// projector may write a status from, and the stable codes of a refused transition.
import { describe, expect, it } from 'vitest';
import { ORDER_TRANSITIONS, canTransition, orderMachine, workRefusal } from '../../../server/production/order-state.ts';
import { REQUISITION_TRANSITIONS, requisitionMachine } from '../../../server/purchasing/requisition-state.ts';

describe('production order states', () => {
	it('allows exactly the declared transitions', () => {
		for (const from of Object.keys(ORDER_TRANSITIONS) as (keyof typeof ORDER_TRANSITIONS)[]) {
			for (const to of Object.keys(ORDER_TRANSITIONS) as (keyof typeof ORDER_TRANSITIONS)[]) {
				expect(canTransition(from, to)).toBe((ORDER_TRANSITIONS[from] as readonly string[]).includes(to));
			}
		}
	});

	it('gives projectors the states a status may be written from', () => {
		expect(orderMachine.sourcesOf('released')).toEqual(['created']);
		expect(orderMachine.sourcesOf('completed')).toEqual(['released', 'in_progress']);
		expect(orderMachine.sourcesOf('cancelled')).toEqual(['created', 'released', 'in_progress']);
	});

	it('refuses with ERR_MO_TRANSITION on the field named, in the words the pages know', () => {
		expect(orderMachine.refusal('completed', 'released', 'productionOrderId', '')).toEqual({
			code: 'ERR_MO_TRANSITION',
			path: 'productionOrderId',
			message: 'a completed order cannot become released',
			params: { from: 'completed', to: 'released' }
		});
		expect(orderMachine.refusal('created', 'released', 'productionOrderId', '')).toBeNull();
	});

	it('lets work go on in a released or in-progress order only', () => {
		expect(workRefusal('released')).toBeNull();
		expect(workRefusal('in_progress')).toBeNull();
		for (const s of ['created', 'completed', 'cancelled'] as const) expect(workRefusal(s)?.code).toBe('ERR_MO_TRANSITION');
	});
});

describe('requisition states', () => {
	it('orders only approved requisitions and decides only pending ones, with their established codes', () => {
		expect(Object.keys(REQUISITION_TRANSITIONS)).toEqual(['pending', 'approved', 'rejected', 'ordered']);
		expect(requisitionMachine.refusal('approved', 'ordered', 'lines.0.requisitionId', 'PR-1')).toBeNull();
		expect(requisitionMachine.refusal('pending', 'ordered', 'lines.0.requisitionId', 'PR-1')).toEqual({
			code: 'ERR_REQ_NOT_APPROVED',
			path: 'lines.0.requisitionId',
			message: 'requisition PR-1 is pending, not approved',
			params: { requisitionId: 'PR-1', status: 'pending' }
		});
		expect(requisitionMachine.refusal('rejected', 'approved', 'requisitionId', 'PR-1')?.code).toBe('ERR_REQ_NOT_PENDING');
		expect(requisitionMachine.sourcesOf('approved')).toEqual(['pending']);
		expect(requisitionMachine.sourcesOf('ordered')).toEqual(['approved']);
	});
});
