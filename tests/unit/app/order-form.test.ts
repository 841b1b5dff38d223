import { describe, expect, it } from 'vitest';
import { orderInput, readOrderForm } from '../../../src/lib/components/sales/order-form.ts';

const form = (lines: Record<string, string>[]) => {
	const f = new FormData();
	f.set('orderId', 'SO-1');
	f.set('customerId', 'C-1');
	for (const l of lines) for (const field of ['itemId', 'qty', 'requestedDate', 'priority', 'promisedDate']) f.append(field, l[field] ?? '');
	return f;
};

describe('the new sales order form', () => {
	it('keeps its one blank line when nothing was typed, so the refusal names its fields and the line stays to fill', () => {
		const values = readOrderForm(form([{}]));
		expect(values.lines).toHaveLength(1);
		expect(orderInput(values).lines).toEqual([{ lineId: '1', itemId: '', requestedDate: '' }]);
	});

	it('drops blank lines beside typed ones', () => {
		const values = readOrderForm(form([{}, { itemId: 'BIKE', qty: '2', requestedDate: '2026-12-20' }, {}]));
		expect(values.lines.map((l) => l.itemId)).toEqual(['BIKE']);
	});
});
