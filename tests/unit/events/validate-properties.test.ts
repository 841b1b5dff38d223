// Properties of the ingest validator over generated input: it never throws, valid events of the fixed
// types always pass and come back unchanged, and a wrong-typed required field is named by its exact path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedCatalogue, type FixedType } from '../../../server/events/catalogue.ts';
import { validateBatch, type BatchResult, type ValidationIssue } from '../../../server/events/validate.ts';

const catalogue = fixedCatalogue();
const ENVELOPE_FIELDS = ['id', 'type', 'occurredAt', 'source', 'actor', 'data'];

/** What validation hands on: occurredAt in UTC with millisecond precision. */
const normalised = <E extends { occurredAt: string }>(e: E): E => ({ ...e, occurredAt: new Date(e.occurredAt).toISOString() });

// ---- valid values -------------------------------------------------------------------------------

/** Records with an ordinary prototype, like the objects JSON.parse hands the validator. */
const plain = { noNullPrototype: true } as const;

/** Text the schemas keep as is: no surrounding spaces (they are trimmed), within the length limit. */
const text = (max: number, noControls = false) =>
	fc
		.string({ unit: 'grapheme', minLength: 1, maxLength: max })
		.filter((s) => s.length <= max && s.trim() === s && s.length > 0 && !(noControls && /[\u0000-\u001f\u007f]/.test(s)));
const code = fc.oneof(fc.stringMatching(/^[A-Z]{1,4}-[0-9]{1,8}$/), text(64, true));
/** A code that names something new: letters and digits of any script, - _ . (SAFE_CODE). */
const newCode = fc.oneof(
	fc.stringMatching(/^[A-Z]{1,4}-[0-9]{1,8}$/),
	fc.string({ unit: fc.constantFrom(...'Az09_.-螺栓物料编号Ωé٣'.split('')), minLength: 1, maxLength: 64 })
);
// Within the stored bounds: numeric(18,6), so 0.000001 … 999,999,999,999.
const qty = fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.000001, max: 999_999_999_999, noNaN: true }));
const nonNegative = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0.000001, max: 999_999_999_999, noNaN: true }));
const day = fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true });
const isoDate = day.map((d) => d.toISOString().slice(0, 10));
const pad = (n: number) => String(n).padStart(2, '0');
const occurredAt = fc
	.record({ at: day, offsetMinutes: fc.integer({ min: -48, max: 56 }).map((q) => q * 15), millis: fc.boolean() })
	.map(({ at, offsetMinutes: off, millis }) => {
		const local = new Date(at.getTime() + off * 60_000).toISOString().slice(0, millis ? 23 : 19);
		const a = Math.abs(off);
		return local + (off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`);
	});

const lotSizing = fc.oneof(
	...(['LFL', 'FOQ', 'POQ'] as const).map((rule) =>
		fc.record(
			{ rule: fc.constant(rule), qty, periods: fc.integer({ min: 1, max: 52 }), min: qty, multiple: qty },
			{ ...plain, requiredKeys: rule === 'FOQ' ? ['rule', 'qty'] : rule === 'POQ' ? ['rule', 'periods'] : ['rule'] }
		)
	)
);
const lines = <T extends { lineId: string }>(line: fc.Arbitrary<T>) =>
	fc.uniqueArray(line, { minLength: 1, maxLength: 20, selector: (l) => l.lineId });
const salesOrderLine = fc.record(
	{ lineId: newCode, itemId: code, qty, requestedDate: isoDate, priority: fc.integer({ min: 1, max: 9 }) },
	{ ...plain, requiredKeys: ['lineId', 'itemId', 'qty', 'requestedDate'] }
);
const purchaseOrderLine = fc.record({ lineId: newCode, itemId: code, qty, unitPrice: nonNegative, expectedDate: isoDate }, plain);

const dataOf: Record<FixedType, fc.Arbitrary<Record<string, unknown>>> = {
	'item.upserted': fc.record(
		{
			itemId: code,
			name: text(200),
			kind: fc.constantFrom('product', 'semi', 'material'),
			uom: text(16),
			unitCost: nonNegative,
			makeOrBuy: fc.constantFrom('make', 'buy'),
			leadTimeDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3650 })),
			safetyStock: nonNegative,
			lotSizing
		},
		{ ...plain, requiredKeys: ['itemId', 'name', 'kind', 'uom', 'unitCost', 'makeOrBuy', 'leadTimeDays'] }
	),
	'customer.upserted': fc.record({ customerId: code, name: text(200) }, plain),
	'supplier.upserted': fc.record({ supplierId: code, name: text(200) }, plain),
	'sales_order.created': fc.record({ orderId: newCode, customerId: code, lines: lines(salesOrderLine) }, plain),
	'shipment.shipped': fc.record({ orderId: code, lineId: code, qty }, plain),
	'purchase_order.placed': fc.record({ poId: newCode, supplierId: code, lines: lines(purchaseOrderLine) }, plain),
	'goods.received': fc.record({ poId: code, lineId: code, qty }, plain),
	'production.reported': fc
		.record(
			{ productionOrderId: code, workCenterId: code, goodQty: nonNegative, scrapQty: nonNegative },
			{ ...plain, requiredKeys: ['productionOrderId', 'goodQty'] }
		)
		.filter((v) => v.goodQty + (v.scrapQty ?? 0) > 0)
};
const fixedTypes = Object.keys(dataOf) as FixedType[];

const eventOf = (type: string, data: fc.Arbitrary<unknown>) =>
	fc
		.record({ id: fc.uuid(), occurredAt, source: text(200), actor: text(200) }, { ...plain, requiredKeys: ['id', 'occurredAt', 'source'] })
		.chain((env) => data.map((d) => ({ ...env, type, data: d })));
const anyValidEvent = fc.oneof(...fixedTypes.map((t) => eventOf(t, dataOf[t])));

// ---- required fields and wrong-typed values ----------------------------------------------------

type Kind = 'string' | 'number' | 'array';
const required: Record<FixedType, Record<string, Kind>> = {
	'item.upserted': { itemId: 'string', name: 'string', kind: 'string', uom: 'string', unitCost: 'number', makeOrBuy: 'string', leadTimeDays: 'number' },
	'customer.upserted': { customerId: 'string', name: 'string' },
	'supplier.upserted': { supplierId: 'string', name: 'string' },
	'sales_order.created': { orderId: 'string', customerId: 'string', lines: 'array' },
	'shipment.shipped': { orderId: 'string', lineId: 'string', qty: 'number' },
	'purchase_order.placed': { poId: 'string', supplierId: 'string', lines: 'array' },
	'goods.received': { poId: 'string', lineId: 'string', qty: 'number' },
	'production.reported': { productionOrderId: 'string', goodQty: 'number' }
};
const requiredInLine: Partial<Record<FixedType, Record<string, Kind>>> = {
	'sales_order.created': { lineId: 'string', itemId: 'string', qty: 'number', requestedDate: 'string' },
	'purchase_order.placed': { lineId: 'string', itemId: 'string', qty: 'number', unitPrice: 'number', expectedDate: 'string' }
};

/** Every field the event must carry, as [dotted path under data, kind]; FOQ needs qty and POQ periods. */
function requiredPaths(type: FixedType, data: Record<string, unknown>): [string, Kind][] {
	const top = Object.entries(required[type]);
	const inLines = ((data.lines as unknown[] | undefined) ?? []).flatMap((_, i) =>
		Object.entries(requiredInLine[type] ?? {}).map(([k, kind]): [string, Kind] => [`lines.${i}.${k}`, kind])
	);
	const rule = (data.lotSizing as { rule?: string } | undefined)?.rule;
	const lot: [string, Kind][] = rule === undefined ? [] : [['lotSizing.rule', 'string']];
	if (rule === 'FOQ') lot.push(['lotSizing.qty', 'number']);
	if (rule === 'POQ') lot.push(['lotSizing.periods', 'number']);
	return [...top, ...inLines, ...lot];
}

const smallArray = fc.array(fc.jsonValue(), { maxLength: 3 });
const smallObject = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 });
const wrongFor: Record<Kind, fc.Arbitrary<unknown>> = {
	string: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), smallArray, smallObject),
	number: fc.oneof(fc.string(), fc.integer().map(String), fc.boolean(), fc.constant(null), smallArray, smallObject),
	array: fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), smallObject)
};

function setAt(target: Record<string, unknown>, path: string, value: unknown) {
	const keys = path.split('.');
	const last = keys.pop()!;
	keys.reduce((o, k) => o[k] as Record<string, unknown>, target)[last] = value;
}

const where = (issues: ValidationIssue[]) => [...new Set(issues.map((i) => `${i.index} ${i.path}`))];
const issuesOf = (r: BatchResult) => (r.ok ? [] : r.issues);

// ---- properties ---------------------------------------------------------------------------------

describe('validateBatch properties', () => {
	const eventish = fc.record(
		{
			id: fc.oneof(fc.uuid(), fc.jsonValue()),
			type: fc.oneof(fc.constantFrom(...fixedTypes, 'x.mes.reading', 'x.mes', 'unknown.type'), fc.jsonValue()),
			occurredAt: fc.oneof(occurredAt, fc.jsonValue()),
			source: fc.oneof(fc.constant('erp'), fc.jsonValue()),
			actor: fc.jsonValue(),
			data: fc.oneof(fc.jsonValue(), ...fixedTypes.map((t) => dataOf[t]))
		},
		{ ...plain, requiredKeys: [] }
	);
	const events = fc.array(fc.oneof(fc.jsonValue(), eventish, anyValidEvent), { maxLength: 8 });
	const body = fc.oneof(fc.jsonValue(), fc.record({ events }, plain), fc.record({ events: fc.jsonValue() }, plain));

	it('never throws on any JSON body, and answers either ok with every event or not ok with well-formed issues', () => {
		fc.assert(
			fc.property(body, (b) => {
				const r = validateBatch(catalogue, b);
				const raw = (b as { events?: unknown } | null)?.events;
				const n = Array.isArray(raw) ? raw.length : 0;
				if (r.ok) {
					expect(r.events).toHaveLength(n);
					expect(n).toBeGreaterThan(0);
					return;
				}
				expect(r.issues.length).toBeGreaterThan(0);
				for (const i of r.issues) {
					expect(Number.isInteger(i.index) && i.index >= -1 && i.index < n).toBe(true);
					expect(i.message).toMatch(/\S/);
					if (i.index === -1) expect(i.path).toBe('events');
					else if (i.message !== 'is not a known field') expect(i.path === '' || ENVELOPE_FIELDS.includes(i.path.split('.')[0])).toBe(true);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('judges each event of a batch on its own: the batch fails exactly at the events that fail alone', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(eventish, anyValidEvent), { minLength: 1, maxLength: 8 }), (evs) => {
				const alone = evs.map((e) => issuesOf(validateBatch(catalogue, { events: [e] })));
				const expected = alone.flatMap((issues, i) => issues.map((x) => ({ ...x, index: i })));
				const r = validateBatch(catalogue, { events: evs });
				expect(r.ok).toBe(expected.length === 0);
				expect(issuesOf(r)).toEqual(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('accepts generated sales orders and purchase orders and returns them unchanged', () => {
		const orders = fc.oneof(
			eventOf('sales_order.created', dataOf['sales_order.created']),
			eventOf('purchase_order.placed', dataOf['purchase_order.placed'])
		);
		fc.assert(
			fc.property(fc.array(orders, { minLength: 1, maxLength: 5 }), (evs) => {
				const r = validateBatch(catalogue, { events: structuredClone(evs) });
				expect(r).toStrictEqual({ ok: true, events: evs.map(normalised) });
			}),
			{ numRuns: 200 }
		);
	});

	it('accepts a generated event of every fixed type and returns it unchanged', () => {
		fc.assert(
			fc.property(anyValidEvent, (e) => {
				expect(validateBatch(catalogue, { events: [structuredClone(e)] })).toStrictEqual({ ok: true, events: [normalised(e)] });
			}),
			{ numRuns: 300 }
		);
	});

	it('names exactly the required data field that was given a value of the wrong type', () => {
		const spoilt = fc
			.tuple(anyValidEvent, fc.nat())
			.chain(([e, n]) => {
				const paths = requiredPaths(e.type as FixedType, e.data as Record<string, unknown>);
				const [path, kind] = paths[n % paths.length];
				return fc.tuple(fc.constant(e), fc.constant(path), wrongFor[kind]);
			});
		fc.assert(
			fc.property(anyValidEvent, spoilt, (good, [e, path, wrong]) => {
				const bad = structuredClone(e);
				setAt(bad.data as Record<string, unknown>, path, wrong);
				const issues = issuesOf(validateBatch(catalogue, { events: [good, bad] }));
				expect(where(issues)).toEqual([`1 data.${path}`]);
			}),
			{ numRuns: 500 }
		);
	});
});
