// Document numbers, safe codes, past dates and whole-day lead times, on every entry path: the commands
// (as the pages and POST /api/commands call them), the import and the ingest path (validateBatch then
// append, as POST /api/events does).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { AppError } from '../../../server/errors.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { importKind } from '../../../server/import/kinds.ts';
import { readSheet } from '../../../server/import/sheet.ts';
import { runImport } from '../../../server/import/run.ts';
import { settableClock } from '../../../server/clock.ts';
import { previewNumber } from '../../../server/numbering/sequences.queries.ts';
import { masterdataCodeGuards } from '../../../server/masterdata/projectors.ts';

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:sales', roles: ['sales'] };
// 10:00 in Shanghai on 15 June 2026: the factory's today.
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';
const clock = settableClock();
let t: TestRuntime;

const run = (name: string, input: unknown, actor = admin) => execute(t.rt, COMMANDS[name].command, input, actor) as Promise<Record<string, unknown>>;
/** The refusal's status, code and first issue. */
async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		const [i] = (err.details.issues as { path: string; code: string }[] | undefined) ?? [];
		return { status: err.status, code: err.code, issue: i && { path: i.path, code: i.code } };
	}
	throw new Error('expected a refusal');
}
const event = (type: string, data: Record<string, unknown>, at = NOW) => ({ id: randomUUID(), type, occurredAt: at.toISOString(), source: 'erp', data });
async function ingest(...events: ReturnType<typeof event>[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) return { status: 400, issue: { path: v.issues[0].path, code: v.issues[0].code } };
	try {
		await t.rt.events.append(v.events);
		return { status: 200 };
	} catch (err) {
		const e = err as { code?: string; path?: string };
		return { status: 409, issue: { path: e.path, code: e.code } };
	}
}
const count = async (sql: string, params: unknown[] = []) => (await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`, params)).rows[0].n;
const line = (lineId: string, requestedDate = '2026-07-01') => ({ lineId, itemId: 'BIKE', qty: 2, requestedDate });

beforeAll(async () => {
	clock.set(NOW);
	t = await openTestRuntime({ clock });
	await run('item.save', { itemId: 'BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 });
	await run('item.save', { itemId: 'TUBE', name: 'Tube', kind: 'material', uom: 'pcs', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 5 });
	await run('customer.save', { customerId: 'C1', name: 'East China Bikes' });
	await run('supplier.save', { supplierId: 'S1', name: 'Tube Works' });
});
afterAll(async () => t?.close());

describe(`document numbers (${backendLabel})`, () => {
	it('assigns the next number of the default pattern when none is given, and answers it', async () => {
		expect(await previewNumber(t.rt.db, 'sales_order', TODAY)).toBe('SO-202600001');
		expect(await run('sales_order.create', { customerId: 'C1', lines: [line('1')] })).toEqual({ orderId: 'SO-202600001' });
		expect(await run('sales_order.create', { customerId: 'C1', lines: [line('1')] })).toEqual({ orderId: 'SO-202600002' });
		expect(await count("select count(*) from sales_orders where order_id = 'SO-202600002'")).toBe(1);
		expect(await run('purchase_order.place', { supplierId: 'S1', lines: [{ lineId: '1', itemId: 'TUBE', qty: 5, unitPrice: 2, expectedDate: '2026-06-20' }] })).toEqual({ poId: 'PO-202600001' });
		expect(await run('requisition.create', { itemId: 'TUBE', qty: 5, neededBy: '2026-06-20' })).toMatchObject({ requisitionId: 'PR-202600001' });
		expect(await run('production_order.create', { itemId: 'BIKE', qty: 5, dueDate: '2026-06-30' })).toMatchObject({ productionOrderId: 'MO-202600001' });
	});

	it('still takes an explicit number, refuses a duplicate, and skips numbers taken by hand', async () => {
		expect(await run('sales_order.create', { orderId: 'SO-202600003', customerId: 'C1', lines: [line('1')] })).toEqual({ orderId: 'SO-202600003' });
		expect(await refusal(run('sales_order.create', { orderId: 'SO-202600003', customerId: 'C1', lines: [line('1')] }))).toEqual({
			status: 409,
			code: 'ERR_REJECTED',
			issue: { path: 'orderId', code: 'ERR_SO_EXISTS' }
		});
		expect(await run('sales_order.create', { customerId: 'C1', lines: [line('1')] })).toEqual({ orderId: 'SO-202600004' });
	});

	it('gives two creates at once different numbers', async () => {
		const made = await Promise.all(Array.from({ length: 6 }, () => run('sales_order.create', { customerId: 'C1', lines: [line('1')] })));
		const ids = made.map((r) => r.orderId as string);
		expect(new Set(ids).size).toBe(6);
		expect(ids.every((id) => /^SO-2026000(0[5-9]|10)$/.test(id))).toBe(true);
	});

	it('gives a refused create its number back', async () => {
		const before = await previewNumber(t.rt.db, 'sales_order', TODAY);
		expect((await refusal(run('sales_order.create', { customerId: 'NOBODY', lines: [line('1')] }))).issue?.code).toBe('ERR_UNKNOWN_CUSTOMER');
		expect(await previewNumber(t.rt.db, 'sales_order', TODAY)).toBe(before);
	});

	it('lets an administrator change the pattern, which restarts the running number; others may not', async () => {
		expect(await refusal(run('numbering.set', { kind: 'sales_order', pattern: 'K{yy}{mm}-{seq:4}' }, sales))).toMatchObject({ status: 403, code: 'ERR_FORBIDDEN' });
		expect(await refusal(run('numbering.set', { kind: 'sales_order', pattern: 'K {seq:4}' }))).toEqual({ status: 400, code: 'ERR_VALIDATION', issue: { path: 'pattern', code: 'ERR_NUMBER_PATTERN' } });
		expect(await refusal(run('numbering.set', { kind: 'sales_order', pattern: 'K{yy}' }))).toMatchObject({ issue: { path: 'pattern', code: 'ERR_NUMBER_PATTERN' } });
		await run('numbering.set', { kind: 'sales_order', pattern: 'K{yy}{mm}-{seq:4}' });
		expect(await run('sales_order.create', { customerId: 'C1', lines: [line('1')] }, sales)).toEqual({ orderId: 'K2606-0001' });
		clock.set(new Date('2026-07-01T02:00:00Z'));
		try {
			expect(await run('sales_order.create', { customerId: 'C1', lines: [line('1', '2026-07-02')] }, sales)).toEqual({ orderId: 'K2607-0001' });
		} finally {
			clock.set(NOW);
		}
		await run('numbering.set', { kind: 'sales_order', pattern: 'SO-{yyyy}{seq:5}' });
	});

	it('keeps requiring the number on the ingest path: events carry numbers', async () => {
		const a = await ingest(event('sales_order.created', { customerId: 'C1', lines: [line('1')] }));
		expect(a).toEqual({ status: 400, issue: { path: 'data.orderId', code: 'ERR_REQUIRED' } });
	});
});

describe(`safe codes (${backendLabel})`, () => {
	it('refuses a new code with a space, slash, quote, # ? or % on the command, with nothing written', async () => {
		for (const bad of ['A B', 'A/B', 'A"B', "A'B", 'A#1', 'A?', '50%']) {
			expect(await refusal(run('item.save', { itemId: bad, name: 'x', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 }))).toEqual({
				status: 409,
				code: 'ERR_REJECTED',
				issue: { path: 'itemId', code: 'ERR_CODE_CHARS' }
			});
		}
		expect(await refusal(run('sales_order.create', { orderId: 'SO 1', customerId: 'C1', lines: [line('1')] }))).toEqual({ status: 400, code: 'ERR_VALIDATION', issue: { path: 'orderId', code: 'ERR_CODE_CHARS' } });
		expect(await refusal(run('sales_order.create', { customerId: 'C1', lines: [line('1/2')] }))).toEqual({ status: 400, code: 'ERR_VALIDATION', issue: { path: 'lines.0.lineId', code: 'ERR_CODE_CHARS' } });
		expect(await refusal(run('customer.save', { customerId: 'C#2', name: 'x' }))).toMatchObject({ issue: { path: 'customerId', code: 'ERR_CODE_CHARS' } });
		expect(await count("select count(*) from items where item_id like 'A%' or item_id = '50%'")).toBe(0);
	});

	it('takes letters and digits of any script, and - _ .', async () => {
		await run('item.save', { itemId: '螺栓-M8_x.20', name: '螺栓', kind: 'material', uom: '个', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 });
		expect(await count("select count(*) from items where item_id = '螺栓-M8_x.20'")).toBe(1);
	});

	it('refuses the same on the ingest path with the same code and field, and stores nothing of the batch', async () => {
		const harmless = event('customer.upserted', { customerId: 'C-OK', name: 'harmless' });
		expect(await ingest(harmless, event('item.upserted', { itemId: 'X Y', name: 'x', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 }))).toEqual({
			status: 409,
			issue: { path: 'data.itemId', code: 'ERR_CODE_CHARS' }
		});
		expect(await ingest(event('sales_order.created', { orderId: 'SO?1', customerId: 'C1', lines: [line('1')] }))).toEqual({ status: 400, issue: { path: 'data.orderId', code: 'ERR_CODE_CHARS' } });
		expect(await count("select count(*) from customers where customer_id = 'C-OK'")).toBe(0);
	});

	it('refuses the same on the import path, naming the row and column', async () => {
		const sheet = await readSheet(Buffer.from('Customer code,Name\nC-IMP,Fine\nC IMP,Spaced\n', 'utf8'), 'csv');
		const r = await runImport(t.rt, importKind('customers')!, sheet, admin, true);
		expect(r.committed).toBe(false);
		expect(r.issues).toEqual([expect.objectContaining({ row: 3, column: 'customerId', code: 'ERR_CODE_CHARS' })]);
		expect(await count("select count(*) from customers where customer_id like 'C%IMP'")).toBe(0);
	});

	it('keeps records made before the rule working: changed, referenced, and replayed in a rebuild', async () => {
		// An ERP's history from before the rule, stored as it came (the log is never parsed again).
		const old = event('item.upserted', { itemId: 'OLD PART/1', name: 'Old', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 2.5 }, new Date('2025-03-01T00:00:00Z'));
		// Stored before the rule: written here with the character guard held, as the log holds it.
		const release = t.rt.projectors.hold((p) => (masterdataCodeGuards as unknown[]).includes(p));
		try {
			await t.rt.events.append([old]);
		} finally {
			release();
		}
		expect(await count("select count(*) from items where item_id = 'OLD PART/1'")).toBe(1);
		await run('item.save', { itemId: 'OLD PART/1', name: 'Old, renamed', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 3 });
		await run('sales_order.create', { customerId: 'C1', lines: [{ lineId: '1', itemId: 'OLD PART/1', qty: 1, requestedDate: '2026-07-01' }] });
		await t.rt.rebuildProjections();
		expect(await count("select count(*) from items where item_id = 'OLD PART/1' and name = 'Old, renamed'")).toBe(1);
	});
});

describe(`past dates (${backendLabel})`, () => {
	it('refuses a requested date before today on create and change, unless confirmed', async () => {
		expect(await refusal(run('sales_order.create', { customerId: 'C1', lines: [line('1'), line('2', '2026-06-14')] }))).toEqual({
			status: 409,
			code: 'ERR_REJECTED',
			issue: { path: 'lines.1.requestedDate', code: 'ERR_DATE_PAST' }
		});
		const today = await run('sales_order.create', { customerId: 'C1', lines: [line('1', TODAY)] });
		const { orderId } = await run('sales_order.create', { customerId: 'C1', lines: [line('1', '2026-06-01')], allowPastDates: true });
		expect(await count('select count(*) from sales_order_lines where order_id = $1 and requested_date = $2', [orderId, '2026-06-01'])).toBe(1);
		const change = { orderId: today.orderId, reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '1', requestedDate: '2026-06-10' }] };
		expect((await refusal(run('sales_order.change', change))).issue).toEqual({ path: 'lines.0.requestedDate', code: 'ERR_DATE_PAST' });
		await run('sales_order.change', { ...change, allowPastDates: true });
		const stored = (await t.rt.db.query<{ data: Record<string, unknown> }>("select data from events where type = 'sales_order.created' and data->>'orderId' = $1", [orderId])).rows[0].data;
		expect(stored).not.toHaveProperty('allowPastDates');
	});

	it('refuses a need-by, expected or due date before today, unless confirmed', async () => {
		expect((await refusal(run('requisition.create', { itemId: 'TUBE', qty: 1, neededBy: '2026-06-01' }))).issue).toEqual({ path: 'neededBy', code: 'ERR_DATE_PAST' });
		const po = { supplierId: 'S1', lines: [{ lineId: '1', itemId: 'TUBE', qty: 5, unitPrice: 2, expectedDate: '2026-06-14' }] };
		expect((await refusal(run('purchase_order.place', po))).issue).toEqual({ path: 'lines.0.expectedDate', code: 'ERR_DATE_PAST' });
		const { poId } = await run('purchase_order.place', { ...po, allowPastDates: true });
		const delay = { poId, lineId: '1', expectedDate: '2026-06-10', reasonCode: 'SUPPLIER_CAPACITY' };
		const r = await refusal(run('purchase_order.delay', delay));
		expect(r.issue).toEqual({ path: 'expectedDate', code: 'ERR_DATE_PAST' });
		expect((await refusal(run('production_order.create', { itemId: 'BIKE', qty: 1, dueDate: '2026-06-14' }))).issue).toEqual({ path: 'dueDate', code: 'ERR_DATE_PAST' });
		await run('production_order.create', { itemId: 'BIKE', qty: 1, dueDate: '2026-06-14', allowPastDates: true });
	});

	it('keeps the dates of open orders carried over by import, overdue ones too', async () => {
		const sheet = await readSheet(Buffer.from('Order,Customer code,Line,Item code,Qty,Requested date\nOLD-7,C1,1,BIKE,3,2026-05-20\n', 'utf8'), 'csv');
		expect(await runImport(t.rt, importKind('open-orders')!, sheet, admin, true)).toMatchObject({ committed: true, issues: [] });
		expect(await count("select count(*) from sales_order_lines where order_id = 'OLD-7' and requested_date = '2026-05-20'")).toBe(1);
	});

	it('accepts past dates on the ingest path: an ERP posts history', async () => {
		const a = await ingest(event('sales_order.created', { orderId: 'ERP-1', customerId: 'C1', lines: [line('1', '2026-01-05')] }));
		expect(a).toEqual({ status: 200 });
	});
});

describe(`whole-day lead times (${backendLabel})`, () => {
	it('refuses a fractional lead time on the command and on ingest', async () => {
		const item = { itemId: 'HALF', name: 'x', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1.5 };
		expect(await refusal(run('item.save', item))).toEqual({ status: 400, code: 'ERR_VALIDATION', issue: { path: 'leadTimeDays', code: 'ERR_NOT_INTEGER' } });
		expect(await ingest(event('item.upserted', item))).toEqual({ status: 400, issue: { path: 'data.leadTimeDays', code: 'ERR_NOT_INTEGER' } });
		expect((await refusal(run('supplier_item.save', { supplierId: 'S1', itemId: 'TUBE', price: 2, leadTimeDays: 0.5 }))).issue).toEqual({ path: 'leadTimeDays', code: 'ERR_NOT_INTEGER' });
	});
});
