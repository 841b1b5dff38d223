import { describe, expect, it } from 'vitest';
import { lineFields } from '../../../src/lib/components/line-fields.ts';

const path = (i: number, field: 'qty' | 'itemId') => `lines.${i}.${field}`;
const labels = { qty: 'Qty', itemId: 'Item' };

describe('the controls on a line of a line editor', () => {
	it('names a control for its field and labels it with the line number counted from 1', () => {
		expect(lineFields(path, labels, []).attrs(1, 'qty')).toEqual({
			name: 'qty',
			'aria-label': 'Qty 2',
			'data-field': 'qty',
			'aria-invalid': false,
			'aria-describedby': undefined
		});
	});

	it('marks only the control whose line and field the issue names, and points it at the error text', () => {
		const fields = lineFields(path, labels, [{ path: 'lines.1.qty', message: 'must be greater than 0' }]);
		expect(fields.issue(1, 'qty')?.message).toBe('must be greater than 0');
		expect(fields.attrs(1, 'qty')).toMatchObject({ 'aria-invalid': true, 'aria-describedby': 'lines.1.qty-error' });
		expect(fields.attrs(0, 'qty')['aria-invalid']).toBe(false);
		expect(fields.attrs(1, 'itemId')['aria-invalid']).toBe(false);
	});
});
