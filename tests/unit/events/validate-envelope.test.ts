import { describe, expect, it } from 'vitest';
import { fixedCatalogue } from '../../../server/events/catalogue.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { ev } from '../../support/events.ts';

const catalogue = fixedCatalogue();

describe('the envelope', () => {
	it('rejects a misspelt envelope field by name', () => {
		const r = validateBatch(catalogue, { events: [{ ...ev.customer(), occuredAt: '2026-11-20T08:00:00Z' }] });
		expect(r).toEqual({ ok: false, issues: [{ index: 0, path: 'occuredAt', message: 'is not a known field' }] });
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
		expect(r.ok ? [] : r.issues).toEqual([{ index: 0, path: 'data.customerId', message: 'must not be empty' }]);
	});
});
