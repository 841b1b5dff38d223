// The hand-written envelope check of the ingest fast path may only ever say yes where the schema says
// yes, with the same values; where it cannot tell it steps aside (and the schema decides).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeSchema, quickEnvelope } from '../../../server/events/envelope.ts';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgx-'.split('')), minLength: n, maxLength: n });
const uuidLike = fc.oneof(
	fc.uuid(),
	fc.uuid().map((u) => u.toUpperCase()),
	fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-')),
	fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '', 'not-a-uuid'),
	fc.integer()
);
const typeLike = fc.oneof(
	fc.constantFrom('sales_order.created', 'x.bench.reading', 'goods.received', 'Sales.created', 'sales', 'a.b', 'x..y', '1a.b', 'a.b_', 'a.' + 'b'.repeat(99)),
	fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(\.[a-z][a-z0-9_]{0,8}){1,3}$/),
	fc.string({ maxLength: 12 }),
	fc.constant(null)
);
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
const instantLike = fc.oneof(
	fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
	// canonical shape with any digits: months 13, day 31 of February, hour 24 …
	fc.tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3)).map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`),
	fc.constantFrom('2026-11-24T09:30:00+08:00', '2026-11-24T09:30:00Z', '2026-11-24T09:30:00.1234Z', '2026-11-24 09:30:00.000Z', '1899-12-31T23:59:59.999Z', '+02026-11-24T09:30:00.000Z'),
	fc.string({ maxLength: 30 })
);
const textLike = fc.oneof(
	fc.string({ maxLength: 20 }),
	fc.string({ unit: 'grapheme', minLength: 0, maxLength: 205 }),
	fc.constantFrom('', '   ', ' erp ', 'a'.repeat(200), 'a'.repeat(201), ' ' + 'a'.repeat(200) + ' ', 'bad\u0000nul', 'lone\ud800', '网关 MES'),
	fc.integer(),
	fc.constant(null)
);
const envelopeLike = fc.record(
	{
		id: uuidLike,
		type: typeLike,
		occurredAt: instantLike,
		source: textLike,
		actor: fc.oneof(textLike, fc.constant(undefined)),
		data: fc.oneof(fc.constant({ a: 1 }), fc.constant(undefined), fc.jsonValue()),
		seq: fc.integer(),
		receivedAt: fc.string(),
		extra: fc.string(),
		__proto__: fc.constant({})
	},
	{ requiredKeys: [], noNullPrototype: true }
);
const anything = fc.oneof(envelopeLike, fc.anything(), fc.array(fc.anything()), fc.constant(null));

describe('quickEnvelope', () => {
	it('says yes only where the schema says yes, with the same values', () => {
		fc.assert(
			fc.property(anything, (raw) => {
				const quick = quickEnvelope(raw);
				if (quick === undefined) return;
				const full = envelopeSchema.safeParse(raw);
				expect(full.success).toBe(true);
				const d = full.data!;
				expect(quick).toEqual({ id: d.id, type: d.type, occurredAt: d.occurredAt, source: d.source, ...(d.actor === undefined ? {} : { actor: d.actor }) });
			}),
			{ numRuns: 20_000 }
		);
	});

	it('decides the common case itself: canonical instant, known fields, text to trim', () => {
		fc.assert(
			fc.property(
				fc.uuid(),
				fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
				fc.constantFrom('erp', ' mes ', '网关'),
				(id, at, source) => {
					const raw = { id, type: 'x.bench.reading', occurredAt: at.toISOString(), source, actor: 'gateway', data: { v: 1 }, seq: 3 };
					expect(quickEnvelope(raw)).toEqual({ id, type: 'x.bench.reading', occurredAt: at.toISOString(), source: source.trim(), actor: 'gateway' });
				}
			)
		);
	});

	it('steps aside for what it does not decide', () => {
		const base = { id: '7f1c2a8e-3b4d-4e5f-9a6b-1c2d3e4f5a6b', type: 'sales_order.created', occurredAt: '2026-11-24T01:30:00.000Z', source: 'erp', data: {} };
		expect(quickEnvelope(base)).toBeDefined();
		for (const bad of [
			{ ...base, occurredAt: '2026-11-24T09:30:00+08:00' }, // valid, but normalised by the schema
			{ ...base, occurredAt: '2026-02-30T00:00:00.000Z' },
			{ ...base, extra: 1 },
			{ ...base, source: '   ' },
			{ ...base, actor: null },
			{ ...base, data: undefined }, // the schema wants data present, whatever it is
			{ ...base, id: '7f1c2a8e-3b4d-0e5f-9a6b-1c2d3e4f5a6b' }
		]) {
			expect(quickEnvelope(bad), JSON.stringify(bad)).toBeUndefined();
		}
	});
});
