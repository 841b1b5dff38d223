import { describe, expect, it } from 'vitest';
import { toMovement, type MovementEvent } from '../../../server/inventory/movements.ts';

const event = (type: MovementEvent['type'], data: Record<string, unknown>, completedQty: number | null = null): MovementEvent => ({
	id: '00000000-0000-4000-8000-000000000001',
	type,
	occurredAt: '2026-11-24T01:00:00.000Z',
	source: 'ui',
	actor: 'user:wang.wh',
	actorName: '王仓管',
	data,
	completedQty
});

describe('what an event did to stock', () => {
	it('moves a transfer out of its source and into its target', () => {
		expect(toMovement(event('stock.moved', { itemId: 'A', fromLocationId: 'MAIN', toLocationId: 'SHOP', qty: 4 })).moves).toEqual([
			{ locationId: 'MAIN', qty: -4 },
			{ locationId: 'SHOP', qty: 4 }
		]);
	});

	it('empties QC by an inspection into MAIN and REJECTED, leaving out a side with nothing', () => {
		expect(toMovement(event('inspection.recorded', { poId: 'P', lineId: '1', acceptedQty: 8, rejectedQty: 0 })).moves).toEqual([
			{ locationId: 'QC', qty: -8 },
			{ locationId: 'MAIN', qty: 8 }
		]);
	});

	it('takes a shipment from MAIN when it names no location, and names its order line', () => {
		const m = toMovement(event('shipment.shipped', { orderId: 'SO-1', lineId: '10', qty: 2 }));
		expect(m).toMatchObject({ kind: 'shipment', moves: [{ locationId: 'MAIN', qty: -2 }], reference: { kind: 'so', id: 'SO-1', lineId: '10' } });
	});

	it("puts a completion's good quantity into MAIN", () => {
		expect(toMovement(event('production_order.completed', { productionOrderId: 'MO-1' }, 3))).toMatchObject({
			kind: 'production',
			moves: [{ locationId: 'MAIN', qty: 3 }],
			reference: { kind: 'mo', id: 'MO-1' }
		});
	});

	it('keeps the reason and note of an adjustment, and no reference', () => {
		const m = toMovement(event('stock.adjusted', { itemId: 'A', locationId: 'MAIN', qty: -1, reasonCode: 'DAMAGE', note: 'dropped' }));
		expect(m).toMatchObject({ kind: 'adjustment', reasonCode: 'DAMAGE', note: 'dropped', moves: [{ locationId: 'MAIN', qty: -1 }] });
		expect(m.reference).toBeUndefined();
	});
});
