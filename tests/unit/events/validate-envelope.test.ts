import { describe, expect, it } from 'vitest';
import { fixedCatalogue } from '../../../server/events/catalogue.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { ev } from '../../support/events.ts';

const catalogue = fixedCatalogue();

describe('the envelope', () => {
	it('rejects a misspelt envelope field by name', () => {
		const r = validateBatch(catalogue, { events: [{ ...ev.customer(), occuredAt: '2026-11-20T08:00:00Z' }] });
		expect(r).toEqual({ ok: false, issues: [{ index: 0, path: 'occuredAt', message: 'is not a known field', code: 'ERR_UNKNOWN_FIELD', params: {} }] });
	});

	it('accepts and ignores seq and receivedAt, so events read back can be posted again', () => {
		const e = ev.customer();
		const r = validateBatch(catalogue, { events: [{ ...e, seq: 17, receivedAt: '2026-11-20T08:00:00Z' }] });
		expect(r.ok && r.events[0]).toEqual({ id: e.id, type: e.type, occurredAt: e.occurredAt, source: e.source, data: e.data });
	});

	it('reports an unknown type together with the other envelope problems', () => {
		const r = validateBatch(catalogue, { events: [{ ...ev.customer(), id: 'x', type: 'foo.bar' }] });
		expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['id', 'type']);
	});

	it('gives an empty code one message', () => {
		const r = validateBatch(catalogue, { events: [ev.customer({ customerId: '' })] });
		expect(r.ok ? [] : r.issues).toEqual([{ index: 0, path: 'data.customerId', message: 'must not be empty', code: 'ERR_EMPTY', params: {} }]);
	});
});

describe('values the database could not store are rejected up front', () => {
	const cases: [string, unknown, string][] = [
		['NUL in source', { ...ev.customer(), source: 'erp\u0000' }, 'source'],
		['NUL in a name', ev.customer({ name: 'a\u0000b' }), 'data.name'],
		['a broken character in a name', ev.supplier({ name: 'x\ud800' }), 'data.name'],
		['a quantity beyond numeric(18,6)', ev.shipment({ qty: 1e15 }), 'data.qty'],
		['a quantity below one millionth', ev.shipment({ qty: 1e-9 }), 'data.qty'],
		['a scrap quantity below one millionth', ev.production({ goodQty: 1, scrapQty: 1e-9 }), 'data.scrapQty'],
		['a lead time of centuries', ev.item({ leadTimeDays: 1e8 }), 'data.leadTimeDays'],
		['year 0000 in occurredAt', ev.customer({}, { occurredAt: '0000-01-01T00:00:00Z' }), 'occurredAt'],
		['year 0000 in a date', ev.purchaseOrder({ lines: [{ lineId: '1', itemId: 'M', qty: 1, unitPrice: 1, expectedDate: '0000-01-01' }] }), 'data.lines.0.expectedDate'],
		['NUL inside extension data', ev.extension({ note: 'a\u0000' }), 'data.note'],
		['a broken character in an extension key', ev.extension({ ['k\udc00']: 1 }), 'data.k\udc00']
	];
	it.each(cases)('rejects %s', (_label, raw, path) => {
		const r = validateBatch(catalogue, { events: [raw] });
		expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([path]);
	});

	it('rejects extension data nested deeper than 32 levels without overflowing the stack', () => {
		let deep: Record<string, unknown> = { leaf: 1 };
		for (let i = 0; i < 100_000; i++) deep = { d: deep };
		const r = validateBatch(catalogue, { events: [ev.extension(deep)] });
		expect(r.ok).toBe(false);
		expect(!r.ok && r.issues[0].message).toContain('nest at most 32');
	});

	it('normalises occurredAt to UTC with millisecond precision', () => {
		const r = validateBatch(catalogue, { events: [ev.customer({}, { occurredAt: '2026-11-20T08:00:00.123456+08:00' })] });
		expect(r.ok && r.events[0].occurredAt).toBe('2026-11-20T00:00:00.123Z');
	});
});
