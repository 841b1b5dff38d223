import { describe, expect, it } from 'vitest';
import { canonicalJson, sameBody } from '../../../server/events/insert.ts';
import type { ValidEvent } from '../../../server/events/envelope.ts';

const base = {
	id: '6f1c1b7e-3c43-4c2e-9d7a-0b6f1f8a2c11',
	type: 'production.reported',
	occurredAt: '2026-11-20T00:00:00.000Z',
	source: 'mes',
	data: { productionOrderId: 'MO-1', goodQty: 8, extra: { b: 1, a: [1, { y: 2, x: 1 }] } }
} as ValidEvent;

describe('an event body sent again', () => {
	it('writes JSON with keys sorted at every depth', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
	});

	it('is the same body whatever the key order of data', () => {
		const reordered = { ...base, data: { extra: { a: [1, { x: 1, y: 2 }], b: 1 }, goodQty: 8, productionOrderId: 'MO-1' } } as ValidEvent;
		expect(sameBody(base, reordered)).toBe(true);
	});

	it('is the same body when only the actor differs (the server stamps it)', () => {
		expect(sameBody(base, { ...base, actor: 'token:other' } as ValidEvent)).toBe(true);
	});

	it('differs when type, business time, source or any data value differs', () => {
		expect(sameBody(base, { ...base, type: 'x.mes.reading' } as ValidEvent)).toBe(false);
		expect(sameBody(base, { ...base, occurredAt: '2026-11-20T00:00:01.000Z' } as ValidEvent)).toBe(false);
		expect(sameBody(base, { ...base, source: 'erp' } as ValidEvent)).toBe(false);
		expect(sameBody(base, { ...base, data: { ...base.data, goodQty: 9 } } as ValidEvent)).toBe(false);
		expect(sameBody(base, { ...base, data: { ...base.data, scrapQty: 0 } } as ValidEvent)).toBe(false);
	});
});
