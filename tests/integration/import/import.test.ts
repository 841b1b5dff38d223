import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import type { Actor } from '../../../server/commands/command.ts';
import { importKind } from '../../../server/import/kinds.ts';
import { readSheet, templateCsv, templateXlsx } from '../../../server/import/sheet.ts';
import { runImport } from '../../../server/import/run.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const viewer: Actor = { kind: 'user', id: 'v', name: 'user:viewer', roles: ['viewer'] };

beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');
async function xlsx(rows: unknown[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('data');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
async function run(kind: string, data: Buffer, format: 'csv' | 'xlsx', commit: boolean, actor = admin) {
	return runImport(t.rt, importKind(kind)!, await readSheet(data, format), actor, commit);
}
const count = async (sql: string) => (await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`)).rows[0].n;

const ITEMS_ZH = csv([
	'物料编码,名称,类型,单位,单位成本,自制或外购,提前期(天),批量规则,批量,允许负库存',
	'IMP-BIKE,自行车,product,辆,300,make,3,FOQ,50,否',
	'IMP-WHEEL,车轮,semi,个,40,make,2,,,',
	'IMP-SPOKE,辐条,material,根,"1,5",buy,7,,,是'
]);

describe(`import (${backendLabel})`, () => {
	it('previews without writing, then commits items from a CSV with Chinese headers', async () => {
		const preview = await run('items', ITEMS_ZH, 'csv', false);
		expect(preview).toMatchObject({ committed: false, rows: 3, issues: [] });
		expect(await count("select count(*) from items where item_id like 'IMP-%'")).toBe(0);
		const done = await run('items', ITEMS_ZH, 'csv', true);
		expect(done).toMatchObject({ committed: true, rows: 3, steps: 3, issues: [] });
		const rows = (await t.rt.db.query<{ item_id: string; unit_cost: number; lot_sizing: unknown; allow_negative: boolean }>(
			"select item_id, unit_cost::float8 as unit_cost, lot_sizing, allow_negative from items where item_id like 'IMP-%' order by item_id"
		)).rows;
		expect(rows).toEqual([
			{ item_id: 'IMP-BIKE', unit_cost: 300, lot_sizing: { rule: 'FOQ', qty: 50 }, allow_negative: false },
			{ item_id: 'IMP-SPOKE', unit_cost: 15, lot_sizing: null, allow_negative: true },
			{ item_id: 'IMP-WHEEL', unit_cost: 40, lot_sizing: null, allow_negative: false }
		]);
		const [e] = (await t.rt.db.query<{ source: string; actor: string }>("select source, actor from events where type = 'item.upserted' and data->>'itemId' = 'IMP-BIKE'")).rows;
		expect(e).toEqual({ source: 'import', actor: 'user:admin' });
	});

	it('writes nothing from a file with one bad row, and names each bad row and column', async () => {
		const before = await count('select count(*) from events');
		const r = await run('items', csv([
			'Item code,Name,Kind,Unit,Unit cost,Make or buy,Lead time (days)',
			'IMP-OK,Fine,material,pcs,1,buy,1',
			'IMP-BAD,Bad,gadget,pcs,cheap,buy,1',
			'IMP-BAD2,,material,pcs,1,buy,-3'
		]), 'csv', true);
		expect(r.committed).toBe(false);
		expect(r.issues.map((i) => [i.row, i.column])).toEqual([
			[3, 'unitCost'],
			[4, 'leadTimeDays'],
			[4, 'name']
		]);
		expect(await count('select count(*) from events')).toBe(before);
		expect(await count("select count(*) from items where item_id = 'IMP-OK'")).toBe(0);
	});

	it('reports unknown and missing columns on the header row', async () => {
		const r = await run('customers', csv(['客户编码,Colour', 'C-1,red']), 'csv', false);
		expect(r.issues).toEqual([
			{ row: 1, column: 'Colour', message: 'unknown column "Colour"', code: 'ERR_IMPORT_UNKNOWN_COLUMN', params: { column: 'Colour' } },
			{ row: 1, column: 'name', message: 'the column "名称" / "Name" is missing', code: 'ERR_IMPORT_MISSING_COLUMN', params: { column: 'name' } }
		]);
	});

	it('imports BOMs from XLSX grouped by parent, refusing a cycle on its own row', async () => {
		const good = await xlsx([
			['Parent item', 'Component', 'Qty per', 'Scrap %'],
			['IMP-BIKE', 'IMP-WHEEL', 2, null],
			['IMP-WHEEL', 'IMP-SPOKE', 32, 1.5]
		]);
		expect(await run('boms', good, 'xlsx', true)).toMatchObject({ committed: true, steps: 2, issues: [] });
		const bad = await xlsx([
			['父项编码', '子项编码', '用量'],
			['IMP-SPOKE', 'IMP-WHEEL', 1],
			['IMP-BIKE', 'NO-SUCH', 1]
		]);
		const r = await run('boms', bad, 'xlsx', true);
		expect(r.committed).toBe(false);
		expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([
			[2, 'childItemId', 'ERR_BOM_CYCLE'],
			[3, 'childItemId', 'ERR_BOM_UNKNOWN_ITEM']
		]);
		expect(await count("select count(*) from bom_lines where parent_item_id = 'IMP-SPOKE'")).toBe(0);
		expect(await count("select count(*) from bom_lines where parent_item_id = 'IMP-BIKE'")).toBe(1);
	});

	it('imports open orders grouped by order, each bad line on its row', async () => {
		await runImport(t.rt, importKind('customers')!, await readSheet(csv(['Customer code,Name', 'IMP-C,Importer']), 'csv'), admin, true);
		const r = await run('open-orders', csv([
			'Order,Customer code,Line,Item code,Qty,Requested date,Priority',
			'IMP-SO1,IMP-C,10,IMP-BIKE,5,2026/12/1,2',
			'IMP-SO1,IMP-C,20,IMP-WHEEL,8,2026-12-03,',
			'IMP-SO2,IMP-C,10,IMP-NOPE,1,2026-12-05,'
		]), 'csv', true);
		expect(r).toMatchObject({ committed: false, steps: 2 });
		expect(r.issues).toEqual([expect.objectContaining({ row: 4, column: 'itemId', code: 'ERR_UNKNOWN_ITEM' })]);
		const ok = await run('open-orders', csv([
			'Order,Customer code,Line,Item code,Qty,Requested date',
			'IMP-SO1,IMP-C,10,IMP-BIKE,5,2026/12/1',
			'IMP-SO1,IMP-C,20,IMP-WHEEL,8,2026-12-03'
		]), 'csv', true);
		expect(ok.committed).toBe(true);
		expect(await count("select count(*) from sales_order_lines where order_id = 'IMP-SO1'")).toBe(2);
	});

	it('refuses the whole import to a role that may not run its command', async () => {
		const err = await run('customers', csv(['Customer code,Name', 'X,Y']), 'csv', true, viewer).catch((e) => e);
		expect(err).toBeInstanceOf(AppError);
		expect((err as AppError).status).toBe(403);
	});

	it('offers templates in both languages that read back with no issues', async () => {
		for (const kind of ['items', 'boms', 'routings', 'suppliers', 'supplier-items', 'customers', 'open-orders']) {
			const k = importKind(kind)!;
			expect(templateCsv(k, 'zh-CN')).toContain(k.columns[0].zh);
			expect(templateCsv(k, 'en')).toContain(k.columns[0].en);
			const sheet = await readSheet(await templateXlsx(k, 'en'), 'xlsx');
			expect(sheet.headers).toEqual(k.columns.map((c) => c.en));
			expect((await runImport(t.rt, k, sheet, admin, false)).issues).toEqual([]);
		}
	});
});
