import { describe, expect, it } from 'vitest';
import { mergeHistories, summarizePartner, type HistoryEvent } from '../../../src/lib/components/partners/timeline.ts';

let n = 0;
const event = (type: string, data: Record<string, unknown>, occurredAt: string): HistoryEvent => ({ id: `e${++n}`, type, occurredAt, source: 'ui', data });

describe('customer and supplier timeline', () => {
	it('reads the oldest save as the creation and later ones as what changed, no-code values included', () => {
		const history = [
			event('supplier.upserted', { supplierId: 'S1', name: 'Ningbo Steel', custom: { region: 'east' } }, '2026-11-22T08:00:00.000Z'),
			event('supplier.upserted', { supplierId: 'S1', name: 'Ningbo Steel' }, '2026-11-21T08:00:00.000Z'),
			event('supplier.upserted', { supplierId: 'S1', name: '宁波钢材' }, '2026-11-20T08:00:00.000Z')
		];
		expect(summarizePartner(history).map((e) => e.summary)).toEqual([
			{ kind: 'changed', changes: [{ field: 'custom.region', from: '—', to: 'east' }] },
			{ kind: 'changed', changes: [{ field: 'name', from: '宁波钢材', to: 'Ningbo Steel' }] },
			{ kind: 'created', name: '宁波钢材' }
		]);
	});

	it('shows contacts, payment terms and currency as they change', () => {
		const history = [
			event('customer.upserted', { customerId: 'C1', name: '一汽', email: 'b@faw.cn', paymentTerms: '月结60天', currency: 'CNY' }, '2026-11-22T08:00:00.000Z'),
			event('customer.upserted', { customerId: 'C1', name: '一汽', email: 'a@faw.cn' }, '2026-11-21T08:00:00.000Z')
		];
		expect(summarizePartner(history)[0].summary).toEqual({
			kind: 'changed',
			changes: [
				{ field: 'email', from: 'a@faw.cn', to: 'b@faw.cn' },
				{ field: 'paymentTerms', from: '—', to: '月结60天' },
				{ field: 'currency', from: '—', to: 'CNY' }
			]
		});
	});

	it("compares a supplier's terms with its earlier terms for the same item only", () => {
		const history = [
			event('supplier_item.upserted', { supplierId: 'S1', itemId: 'STEEL', price: 3.9, leadTimeDays: 7, moq: 500 }, '2026-11-22T09:00:00.000Z'),
			event('supplier_item.upserted', { supplierId: 'S1', itemId: 'PAINT', price: 12, leadTimeDays: 10 }, '2026-11-22T08:00:00.000Z'),
			event('supplier_item.upserted', { supplierId: 'S1', itemId: 'STEEL', price: 4.2, leadTimeDays: 7, moq: 500 }, '2026-11-21T08:00:00.000Z')
		];
		expect(summarizePartner(history).map((e) => e.summary)).toEqual([
			{ kind: 'termsChanged', itemId: 'STEEL', changes: [{ field: 'price', from: '4.2', to: '3.9' }] },
			{ kind: 'termsAdded', itemId: 'PAINT', terms: [{ field: 'price', value: '12' }, { field: 'leadTimeDays', value: '10' }] },
			{ kind: 'termsAdded', itemId: 'STEEL', terms: [{ field: 'price', value: '4.2' }, { field: 'leadTimeDays', value: '7' }, { field: 'moq', value: '500' }] }
		]);
	});

	it('merges the record history and the terms history newest first, ties by sequence', () => {
		const a = [{ occurredAt: '2026-11-22T08:00:00.000Z', seq: 5 }, { occurredAt: '2026-11-20T08:00:00.000Z', seq: 1 }];
		const b = [{ occurredAt: '2026-11-22T08:00:00.000Z', seq: 7 }, { occurredAt: '2026-11-21T08:00:00.000Z', seq: 3 }];
		expect(mergeHistories(a, b).map((e) => e.seq)).toEqual([7, 5, 3, 1]);
		expect(mergeHistories(a, b, 2).map((e) => e.seq)).toEqual([7, 5]);
	});
});
