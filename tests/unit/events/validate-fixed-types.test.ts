// Table-driven checks of the ingest validator against the fixed event types of CONTRACTS.md: every
// field of every type, and every envelope field, is rejected at exactly its dotted path and index.
import { describe, expect, it } from 'vitest';
import { fixedCatalogue } from '../../../server/events/catalogue.ts';
import { validateBatch, type BatchResult, type ValidationIssue } from '../../../server/events/validate.ts';
import { ev, type RawEvent } from '../../support/events.ts';

const catalogue = fixedCatalogue();
const MISSING = Symbol('missing');
type Bad = [value: unknown, label: string];
type Maker = () => RawEvent;

/** A deep copy of `raw` with the value at a dotted path replaced, or removed when `value` is MISSING. */
function withValue(raw: RawEvent, path: string, value: unknown): Record<string, unknown> {
	const copy = structuredClone(raw) as unknown as Record<string, unknown>;
	const keys = path.split('.');
	const last = keys.pop()!;
	const parent = keys.reduce((o, k) => o[k] as Record<string, unknown>, copy);
	if (value === MISSING) delete parent[last];
	else parent[last] = value;
	return copy;
}

function issuesOf(r: BatchResult): ValidationIssue[] {
	if (r.ok) throw new Error(`expected the batch to be rejected, it was accepted: ${JSON.stringify(r.events)}`);
	return r.issues;
}

const where = (issues: ValidationIssue[]) => [...new Set(issues.map((i) => `${i.index} ${i.path}`))];

const codeBad: Bad[] = [
	['', 'empty'],
	['   ', 'blank'],
	[42, 'a number'],
	[null, 'null'],
	['x'.repeat(65), 'longer than 64 characters'],
	['A\u0001B', 'with a control character'],
	[MISSING, 'missing']
];
const optionalCodeBad = codeBad.filter(([v]) => v !== MISSING);
const nameBad: Bad[] = [
	['', 'empty'],
	['  ', 'blank'],
	[123, 'a number'],
	['名'.repeat(201), 'longer than 200 characters'],
	[MISSING, 'missing']
];
const qtyBad: Bad[] = [
	[0, 'zero'],
	[-1, 'negative'],
	['5', 'a numeric string'],
	[null, 'null'],
	[Infinity, 'infinite'],
	[MISSING, 'missing']
];
const nonNegativeBad: Bad[] = [
	[-0.01, 'negative'],
	['3', 'a numeric string'],
	[null, 'null'],
	[Infinity, 'infinite'],
	[MISSING, 'missing']
];
const optionalNonNegativeBad = nonNegativeBad.filter(([v]) => v !== MISSING);
const dateBad: Bad[] = [
	['2026-02-30', 'the 30th of February'],
	['2027-02-29', 'the 29th of February in a common year'],
	['2026-13-01', 'month 13'],
	['2026/12/01', 'with slashes'],
	['01-12-2026', 'day first'],
	['2026-12-01T00:00:00+08:00', 'a date-time'],
	[20261201, 'a number'],
	['', 'empty'],
	[MISSING, 'missing']
];
const priorityBad: Bad[] = [
	[0, '0'],
	[10, '10'],
	[2.5, '2.5'],
	[-1, 'negative'],
	['3', 'a numeric string'],
	[null, 'null']
];
const linesBad: Bad[] = [
	[[], 'empty'],
	['10', 'a string'],
	[{ 0: {} }, 'an object'],
	[null, 'null'],
	[MISSING, 'missing']
];
const lineBad: Bad[] = [
	[5, 'a number'],
	['line', 'a string'],
	[null, 'null']
];
const unknownKey: Bad[] = [['red', 'set, though it is not a known field']];

const twoSalesLines = () =>
	ev.salesOrder({
		lines: [
			{ lineId: '10', itemId: 'BIKE-1', qty: 5, requestedDate: '2026-12-01', priority: 3 },
			{ lineId: '20', itemId: 'BIKE-2', qty: 2, requestedDate: '2026-12-03', priority: 1 }
		]
	});
const twoPurchaseLines = () =>
	ev.purchaseOrder({
		lines: [
			{ lineId: '1', itemId: 'MAT-1', qty: 100, unitPrice: 2.5, expectedDate: '2026-12-05' },
			{ lineId: '2', itemId: 'MAT-2', qty: 40, unitPrice: 0, expectedDate: '2026-12-06' }
		]
	});
const itemWith = (lotSizing: Record<string, unknown>) => () => ev.item({ safetyStock: 10, lotSizing });
const lfl = itemWith({ rule: 'LFL', min: 10, multiple: 5 });
const foq = itemWith({ rule: 'FOQ', qty: 50 });
const poq = itemWith({ rule: 'POQ', periods: 2 });
const shipment = () => ev.shipment({});
const receipt = () => ev.receipt({});
const production = () => ev.production({});

/** [maker of a valid event, dotted path, wrong values for it]. */
const fields: [Maker, string, Bad[]][] = [
	// envelope
	[ev.customer, 'id', [['not-a-uuid', 'not a UUID'], ['123e4567-e89b-42d3-a456-42661417400', 'one digit short'], ['', 'empty'], [42, 'a number'], [MISSING, 'missing']]],
	[ev.customer, 'type', [['Customer.Upserted', 'upper case'], ['customer', 'without a dot'], ['customer upserted', 'with a space'], ['a.' + 'b'.repeat(100), 'longer than 100 characters'], ['', 'empty'], [42, 'a number'], [MISSING, 'missing']]],
	[ev.customer, 'occurredAt', [['2026-02-30T08:00:00+08:00', 'on the 30th of February'], ['2026/12/01 08:00:00+08:00', 'with slashes'], ['2026-12-01T08:00:00', 'without an offset'], ['2026-12-01', 'a date only'], ['', 'empty'], [1764547200000, 'epoch milliseconds'], [MISSING, 'missing']]],
	[ev.customer, 'source', [['', 'empty'], ['   ', 'blank'], [7, 'a number'], [null, 'null'], ['s'.repeat(201), 'longer than 200 characters'], [MISSING, 'missing']]],
	[ev.customer, 'actor', [['', 'empty'], ['  ', 'blank'], [5, 'a number'], [null, 'null'], ['a'.repeat(201), 'longer than 200 characters']]],
	[ev.customer, 'data', [[null, 'null'], ['text', 'a string'], [42, 'a number'], [[], 'an array'], [MISSING, 'missing']]],
	// item.upserted
	[ev.item, 'data.itemId', codeBad],
	[ev.item, 'data.name', nameBad],
	[ev.item, 'data.kind', [['service', 'not an allowed kind'], ['Product', 'in the wrong case'], [1, 'a number'], [MISSING, 'missing']]],
	[ev.item, 'data.uom', [['', 'empty'], [5, 'a number'], ['u'.repeat(17), 'longer than 16 characters'], [MISSING, 'missing']]],
	[ev.item, 'data.unitCost', nonNegativeBad],
	[ev.item, 'data.makeOrBuy', [['both', 'not an allowed value'], ['MAKE', 'in the wrong case'], [true, 'a boolean'], [MISSING, 'missing']]],
	[ev.item, 'data.leadTimeDays', nonNegativeBad],
	[lfl, 'data.safetyStock', optionalNonNegativeBad],
	[lfl, 'data.lotSizing', [['FOQ', 'a string'], [[], 'an array'], [null, 'null']]],
	[lfl, 'data.lotSizing.rule', [['EOQ', 'not an allowed rule'], ['lfl', 'in the wrong case'], [1, 'a number'], [MISSING, 'missing']]],
	[foq, 'data.lotSizing.qty', [[0, 'zero'], [-10, 'negative'], ['50', 'a numeric string'], [MISSING, 'missing under FOQ']]],
	[poq, 'data.lotSizing.periods', [[0, 'zero'], [-1, 'negative'], [1.5, 'fractional'], ['2', 'a numeric string'], [MISSING, 'missing under POQ']]],
	[lfl, 'data.lotSizing.min', [[0, 'zero'], [-1, 'negative'], ['10', 'a numeric string']]],
	[lfl, 'data.lotSizing.multiple', [[0, 'zero'], [-5, 'negative'], ['5', 'a numeric string']]],
	[ev.item, 'data.colour', unknownKey],
	[lfl, 'data.lotSizing.colour', unknownKey],
	// customer.upserted, supplier.upserted
	[ev.customer, 'data.customerId', codeBad],
	[ev.customer, 'data.name', nameBad],
	[ev.customer, 'data.colour', unknownKey],
	[ev.supplier, 'data.supplierId', codeBad],
	[ev.supplier, 'data.name', nameBad],
	[ev.supplier, 'data.colour', unknownKey],
	// sales_order.created (the second line is the one spoilt, so the index in the path is checked too)
	[twoSalesLines, 'data.orderId', codeBad],
	[twoSalesLines, 'data.customerId', codeBad],
	[twoSalesLines, 'data.lines', linesBad],
	[twoSalesLines, 'data.lines.1', lineBad],
	[twoSalesLines, 'data.lines.1.lineId', codeBad],
	[twoSalesLines, 'data.lines.1.itemId', codeBad],
	[twoSalesLines, 'data.lines.1.qty', qtyBad],
	[twoSalesLines, 'data.lines.1.requestedDate', dateBad],
	[twoSalesLines, 'data.lines.1.priority', priorityBad],
	[twoSalesLines, 'data.colour', unknownKey],
	[twoSalesLines, 'data.lines.1.colour', unknownKey],
	// shipment.shipped
	[shipment, 'data.orderId', codeBad],
	[shipment, 'data.lineId', codeBad],
	[shipment, 'data.qty', qtyBad],
	[shipment, 'data.colour', unknownKey],
	// purchase_order.placed
	[twoPurchaseLines, 'data.poId', codeBad],
	[twoPurchaseLines, 'data.supplierId', codeBad],
	[twoPurchaseLines, 'data.lines', linesBad],
	[twoPurchaseLines, 'data.lines.1', lineBad],
	[twoPurchaseLines, 'data.lines.1.lineId', codeBad],
	[twoPurchaseLines, 'data.lines.1.itemId', codeBad],
	[twoPurchaseLines, 'data.lines.1.qty', qtyBad],
	[twoPurchaseLines, 'data.lines.1.unitPrice', nonNegativeBad],
	[twoPurchaseLines, 'data.lines.1.expectedDate', dateBad],
	[twoPurchaseLines, 'data.colour', unknownKey],
	[twoPurchaseLines, 'data.lines.1.colour', unknownKey],
	// goods.received
	[receipt, 'data.poId', codeBad],
	[receipt, 'data.lineId', codeBad],
	[receipt, 'data.qty', qtyBad],
	[receipt, 'data.colour', unknownKey],
	// production.reported (goodQty 8, scrapQty 1, so one bad value does not also break their sum)
	[production, 'data.productionOrderId', codeBad],
	[production, 'data.workCenterId', optionalCodeBad],
	[production, 'data.goodQty', nonNegativeBad],
	[production, 'data.scrapQty', optionalNonNegativeBad],
	[production, 'data.colour', unknownKey]
];

const cases = fields.flatMap(([make, path, bads]) =>
	bads.map(([value, label]) => ({ type: make().type, path, label, make, value }))
);

describe('validateBatch: a wrong value in one field', () => {
	it.each(cases)('rejects $type with $path $label, at index 1 and exactly that path', ({ make, path, value }) => {
		const bad = withValue(make(), path, value);
		const issues = issuesOf(validateBatch(catalogue, { events: [make(), bad, make()] }));
		expect(where(issues)).toEqual([`1 ${path}`]);
		for (const i of issues) expect(i.message).toMatch(/\S/);
	});

	it('names an unknown field "is not a known field", one issue per unknown key', () => {
		const bad = ev.salesOrder({ colour: 'red', size: 'L' });
		(bad.data.lines as Record<string, unknown>[])[0].note = 'rush';
		const issues = issuesOf(validateBatch(catalogue, { events: [bad] }));
		expect(issues).toEqual(
			expect.arrayContaining([
				{ index: 0, path: 'data.lines.0.note', message: 'is not a known field', code: 'ERR_UNKNOWN_FIELD', params: {} },
				{ index: 0, path: 'data.colour', message: 'is not a known field', code: 'ERR_UNKNOWN_FIELD', params: {} },
				{ index: 0, path: 'data.size', message: 'is not a known field', code: 'ERR_UNKNOWN_FIELD', params: {} }
			])
		);
		expect(issues).toHaveLength(3);
	});

	it('covers every field of every fixed type', () => {
		const covered = new Set(cases.map((c) => `${c.type} ${c.path}`));
		const expected: Record<string, string[]> = {
			'item.upserted': ['itemId', 'name', 'kind', 'uom', 'unitCost', 'makeOrBuy', 'leadTimeDays', 'safetyStock', 'lotSizing', 'lotSizing.rule', 'lotSizing.qty', 'lotSizing.periods', 'lotSizing.min', 'lotSizing.multiple'],
			'customer.upserted': ['customerId', 'name'],
			'supplier.upserted': ['supplierId', 'name'],
			'sales_order.created': ['orderId', 'customerId', 'lines', 'lines.1.lineId', 'lines.1.itemId', 'lines.1.qty', 'lines.1.requestedDate', 'lines.1.priority'],
			'shipment.shipped': ['orderId', 'lineId', 'qty'],
			'purchase_order.placed': ['poId', 'supplierId', 'lines', 'lines.1.lineId', 'lines.1.itemId', 'lines.1.qty', 'lines.1.unitPrice', 'lines.1.expectedDate'],
			'goods.received': ['poId', 'lineId', 'qty'],
			'production.reported': ['productionOrderId', 'workCenterId', 'goodQty', 'scrapQty']
		};
		const missing = Object.entries(expected).flatMap(([type, paths]) =>
			[...paths.map((p) => `${type} data.${p}`), `${type} data.colour`].filter((k) => !covered.has(k))
		);
		const envelope = ['id', 'type', 'occurredAt', 'source', 'actor', 'data'].filter((p) => !covered.has(`customer.upserted ${p}`));
		expect([...missing, ...envelope]).toEqual([]);
		expect(Object.keys(expected).sort()).toEqual(catalogue.list().map((d) => d.type).sort());
	});
});

describe('validateBatch: valid events', () => {
	const makers: Maker[] = [ev.item, ev.customer, ev.supplier, ev.salesOrder, shipment, ev.purchaseOrder, receipt, production];

	it.each(makers.map((make) => ({ type: make().type, make })))('accepts a valid $type and returns it unchanged', ({ make }) => {
		const raw = make();
		const r = validateBatch(catalogue, { events: [raw] });
		expect(r).toEqual({ ok: true, events: [raw] });
	});

	it('accepts every fixed type in one batch, in order', () => {
		const raws = makers.map((make) => make());
		const r = validateBatch(catalogue, { events: raws });
		expect(r.ok && r.events.map((e) => e.type)).toEqual(raws.map((e) => e.type));
	});

	it.each([
		['an envelope without actor', ev.customer()],
		['an envelope with actor', ev.customer({}, { actor: 'erp:sap' })],
		['an item without safetyStock and lotSizing', ev.item()],
		['an item with safetyStock 0 and every lotSizing field', ev.item({ safetyStock: 0, lotSizing: { rule: 'FOQ', qty: 50, periods: 2, min: 10, multiple: 5 } })],
		['an item with LFL lot sizing and nothing else', ev.item({ lotSizing: { rule: 'LFL' } })],
		['an item with POQ and periods', ev.item({ lotSizing: { rule: 'POQ', periods: 4 } })],
		['an item that costs nothing and arrives the same day', ev.item({ unitCost: 0, leadTimeDays: 0, kind: 'material', makeOrBuy: 'buy' })],
		['a sales order line without priority', ev.salesOrder({ lines: [{ lineId: '10', itemId: 'A', qty: 1, requestedDate: '2026-12-01' }] })],
		['priorities 1 and 9', ev.salesOrder({ lines: [
			{ lineId: '10', itemId: 'A', qty: 1, requestedDate: '2026-12-01', priority: 1 },
			{ lineId: '20', itemId: 'A', qty: 0.5, requestedDate: '2028-02-29', priority: 9 }
		] })],
		['a code of exactly 64 characters', ev.customer({ customerId: 'C'.repeat(64), name: '名'.repeat(200) })],
		['production without workCenterId and scrapQty', ev.production({ workCenterId: undefined, scrapQty: undefined, goodQty: 3 })],
		['production with only scrap', ev.production({ goodQty: 0, scrapQty: 2 })],
		['an occurredAt in UTC with milliseconds', ev.customer({}, { occurredAt: '2026-11-20T00:00:00.123Z' })],
		['an occurredAt with a negative offset', ev.customer({}, { occurredAt: '2026-11-19T19:00:00-05:00' })]
	])('accepts %s', (_label, raw) => {
		const clean = JSON.parse(JSON.stringify(raw));
		expect(validateBatch(catalogue, { events: [clean] })).toEqual({
			ok: true,
			events: [{ ...clean, occurredAt: new Date(clean.occurredAt).toISOString() }]
		});
	});

	it('lower-cases the event id', () => {
		const r = validateBatch(catalogue, { events: [ev.customer({}, { id: 'A3BB189E-8BF9-4888-9912-ACE4E6543002' })] });
		expect(r.ok && r.events[0].id).toBe('a3bb189e-8bf9-4888-9912-ace4e6543002');
	});

	it('trims surrounding spaces from codes', () => {
		const r = validateBatch(catalogue, { events: [ev.shipment({ orderId: '  SO-1 ', lineId: '10' })] });
		expect(r.ok && r.events[0].data).toEqual({ orderId: 'SO-1', lineId: '10', qty: 1 });
	});
});

describe('validateBatch: rules across fields', () => {
	it('rejects FOQ without qty at data.lotSizing.qty', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.item({ lotSizing: { rule: 'FOQ', periods: 2 } })] }));
		expect(issues).toEqual([{ index: 0, path: 'data.lotSizing.qty', message: 'is required for FOQ', code: 'ERR_LOT_SIZE_REQUIRED', params: { rule: 'FOQ' } }]);
	});

	it('rejects POQ without periods at data.lotSizing.periods', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.item({ lotSizing: { rule: 'POQ', qty: 50 } })] }));
		expect(issues).toEqual([{ index: 0, path: 'data.lotSizing.periods', message: 'is required for POQ', code: 'ERR_LOT_SIZE_REQUIRED', params: { rule: 'POQ' } }]);
	});

	it('rejects a sales order whose lines repeat a lineId, at the repeating line', () => {
		const line = (lineId: string) => ({ lineId, itemId: 'A', qty: 1, requestedDate: '2026-12-01' });
		const raw = ev.salesOrder({ lines: [line('10'), line('20'), line('10')] });
		const issues = issuesOf(validateBatch(catalogue, { events: [raw] }));
		expect(issues).toEqual([{ index: 0, path: 'data.lines.2.lineId', message: 'duplicates line 0', code: 'ERR_DUPLICATE_LINE', params: { line: 1 } }]);
	});

	it('rejects a purchase order whose lines repeat a lineId, at the repeating line', () => {
		const line = (lineId: string) => ({ lineId, itemId: 'M', qty: 1, unitPrice: 1, expectedDate: '2026-12-01' });
		const raw = ev.purchaseOrder({ lines: [line('1'), line('1')] });
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.purchaseOrder(), raw] }));
		expect(issues).toEqual([{ index: 1, path: 'data.lines.1.lineId', message: 'duplicates line 0', code: 'ERR_DUPLICATE_LINE', params: { line: 1 } }]);
	});

	it('treats lineIds that differ only by surrounding spaces as the same line', () => {
		const line = (lineId: string) => ({ lineId, itemId: 'A', qty: 1, requestedDate: '2026-12-01' });
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.salesOrder({ lines: [line('10'), line(' 10 ')] })] }));
		expect(where(issues)).toEqual(['0 data.lines.1.lineId']);
	});

	it('allows the same lineId in two different orders', () => {
		const line = { lineId: '10', itemId: 'A', qty: 1, requestedDate: '2026-12-01' };
		const r = validateBatch(catalogue, { events: [ev.salesOrder({ lines: [line] }), ev.salesOrder({ lines: [line] })] });
		expect(r.ok).toBe(true);
	});

	it('rejects a sales order of more than 1000 lines at data.lines', () => {
		const lines = Array.from({ length: 1001 }, (_, i) => ({ lineId: String(i), itemId: 'A', qty: 1, requestedDate: '2026-12-01' }));
		expect(where(issuesOf(validateBatch(catalogue, { events: [ev.salesOrder({ lines })] })))).toEqual(['0 data.lines']);
		expect(validateBatch(catalogue, { events: [ev.salesOrder({ lines: lines.slice(0, 1000) })] }).ok).toBe(true);
	});

	it('rejects production with neither good nor scrap quantity at data.goodQty', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.production({ goodQty: 0, scrapQty: 0 })] }));
		expect(issues).toEqual([{ index: 0, path: 'data.goodQty', message: 'goodQty or scrapQty must be greater than 0', code: 'ERR_NOTHING_REPORTED', params: {} }]);
	});
});

describe('validateBatch: batches', () => {
	it('reports only the bad event of a batch of good ones, by its index', () => {
		const events = [ev.item(), ev.customer(), ev.salesOrder(), ev.shipment({ qty: -3 }), ev.purchaseOrder()];
		const issues = issuesOf(validateBatch(catalogue, { events }));
		expect(where(issues)).toEqual(['3 data.qty']);
	});

	it('reports the issues of every bad event, not just the first', () => {
		const events = [
			ev.item({ kind: 'tool' }),
			ev.customer(),
			ev.receipt({ qty: 0 }),
			ev.supplier({}, { occurredAt: '2026/12/01' }),
			ev.production({ goodQty: 'eight', colour: 'red' })
		];
		const issues = issuesOf(validateBatch(catalogue, { events }));
		expect(where(issues).sort()).toEqual(['0 data.kind', '2 data.qty', '3 occurredAt', '4 data.colour', '4 data.goodQty']);
	});

	it('checks the data of an event whose envelope is also wrong', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.shipment({ qty: 0 }, { id: 'nope', source: '' })] }));
		expect(where(issues).sort()).toEqual(['0 data.qty', '0 id', '0 source']);
	});

	it.each([
		['undefined', undefined],
		['null', null],
		['a number', 42],
		['a string', '{"events":[]}'],
		['an array of events', [ev.customer()]],
		['an object without events', { evts: [ev.customer()] }],
		['events as an object', { events: { 0: ev.customer() } }],
		['events as a string', { events: 'all of them' }],
		['events as null', { events: null }]
	])('rejects a body that is %s at path "events"', (_label, body) => {
		expect(validateBatch(catalogue, body)).toEqual({
			ok: false,
			issues: [{ index: -1, path: 'events', message: 'body must be {"events": [ … ]}', code: 'ERR_BAD_BODY', params: {} }]
		});
	});

	it('rejects an empty events array', () => {
		expect(validateBatch(catalogue, { events: [] })).toEqual({
			ok: false,
			issues: [{ index: -1, path: 'events', message: 'must not be empty', code: 'ERR_TOO_FEW', params: { minimum: 1 } }]
		});
	});

	it('rejects an event that is not an object, at its index', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.customer(), 42, null, 'event'] }));
		expect(issues.map((i) => i.index)).toEqual([1, 2, 3]);
	});
});

describe('validateBatch: event types', () => {
	it('rejects an unknown event type at path "type"', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.customer(), ev.customer({}, { type: 'customer.deleted' })] }));
		expect(issues).toEqual([{ index: 1, path: 'type', message: 'unknown event type "customer.deleted"', code: 'ERR_UNKNOWN_EVENT_TYPE', params: {} }]);
	});

	it('rejects x.<vendor> without a name as an unknown type', () => {
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.extension({}, { type: 'x.mes' })] }));
		expect(where(issues)).toEqual(['0 type']);
	});

	it.each([
		['an empty object', {}],
		['nested values', { machine: 'CNC-3', readings: [1, 2.5, null], spindle: { rpm: 12000, ok: true } }],
		['keys that fixed types would not allow', { orderId: 5, lines: 'none', colour: 'red' }]
	])('accepts an x.* extension event whose data is %s, unchanged', (_label, data) => {
		const raw = { ...ev.extension(), data };
		expect(validateBatch(catalogue, { events: [raw] })).toEqual({ ok: true, events: [raw] });
	});

	it.each([
		['null', null],
		['an array', [1, 2]],
		['a string', 'reading'],
		['a number', 12000],
		['missing', MISSING]
	])('rejects an x.* extension event whose data is %s at path "data"', (_label, data) => {
		const bad = withValue(ev.extension(), 'data', data);
		const issues = issuesOf(validateBatch(catalogue, { events: [ev.extension(), bad] }));
		expect(where(issues)).toEqual(['1 data']);
	});
});
