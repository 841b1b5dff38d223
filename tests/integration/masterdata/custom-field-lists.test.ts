import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { customFields, defineCustomField } from '../../../server/masterdata/custom-fields.ts';
import { parseCustomFilters } from '../../../server/shared/custom-filter.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { listItems } from '../../../server/masterdata/queries.ts';
import { itemListQuery } from '../../../server/masterdata/commands.ts';
import { importKind, withCustomColumns } from '../../../server/import/kinds.ts';
import { readSheet, templateCsv, templateXlsx } from '../../../server/import/sheet.ts';
import { runImport } from '../../../server/import/run.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };

const field = (entity: string, key: string, zh: string, en: string, type: string, more: Record<string, unknown> = {}) => ({
	entity,
	key,
	labels: { 'zh-CN': zh, en },
	type,
	required: false,
	...more
});
const item = (itemId: string, custom: Record<string, unknown>) => ({ itemId, name: itemId, kind: 'material', uom: 'kg', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1, custom });

beforeAll(async () => {
	t = await openTestRuntime();
	for (const def of [
		field('item', 'grade', '牌号', 'Grade', 'choice', { required: true, choices: ['Q235', 'Q345'], position: 1 }),
		field('item', 'density', '密度', 'Density', 'number', { position: 2 }),
		field('item', 'certified_on', '认证日期', 'Certified on', 'date', { position: 3 }),
		field('item', 'maker', '厂家', 'Maker', 'text', { position: 4 }),
		field('customer', 'region', '区域', 'Region', 'choice', { choices: ['east', 'north'] }),
		field('supplier', 'rating', '评级', 'Rating', 'number'),
		field('sales_order', 'channel', '渠道', 'Channel', 'choice', { required: true, choices: ['online', 'dealer'] })
	]) {
		await execute(t.rt, defineCustomField, def, admin);
	}
	await execute(t.rt, saveItem, item('L-1', { grade: 'Q235', density: 7.85, certified_on: '2026-01-10', maker: 'Baosteel' }), admin);
	await execute(t.rt, saveItem, item('L-2', { grade: 'Q345', density: 7.9, certified_on: '2026-03-01', maker: 'baosteel' }), admin);
	await execute(t.rt, saveItem, item('L-3', { grade: 'Q235' }), admin);
});
afterAll(async () => t?.close());

async function filtered(params: Record<string, string>): Promise<string[]> {
	const { filters, issues } = parseCustomFilters(Object.entries(params), await customFields(t.rt.db, 'item'));
	expect(issues).toEqual([]);
	const { items, total } = await listItems(t.rt.db, itemListQuery.parse({}), filters);
	expect(total).toBe(items.length);
	return items.map((i) => i.itemId);
}

describe(`lists filtered by custom field values (${backendLabel})`, () => {
	it('returns each item with its custom values', async () => {
		const { items } = await listItems(t.rt.db, itemListQuery.parse({}));
		expect(items.find((i) => i.itemId === 'L-1')?.custom).toEqual({ grade: 'Q235', density: 7.85, certified_on: '2026-01-10', maker: 'Baosteel' });
	});

	it('finds items whose choice or text equals the value, exactly', async () => {
		expect(await filtered({ 'custom.grade': 'Q235' })).toEqual(['L-1', 'L-3']);
		expect(await filtered({ 'custom.grade': 'Q345' })).toEqual(['L-2']);
		expect(await filtered({ 'custom.maker': 'Baosteel' })).toEqual(['L-1']);
		expect(await filtered({ 'custom.grade': 'Q235', 'custom.maker': 'Baosteel' })).toEqual(['L-1']);
	});

	it('finds items in an inclusive number or date range, leaving out those without a value', async () => {
		expect(await filtered({ 'custom.density': '7.85' })).toEqual(['L-1']);
		expect(await filtered({ 'custom.density.from': '7.85' })).toEqual(['L-1', 'L-2']);
		expect(await filtered({ 'custom.density.from': '7.86', 'custom.density.to': '8' })).toEqual(['L-2']);
		expect(await filtered({ 'custom.certified_on.to': '2026-01-10' })).toEqual(['L-1']);
		expect(await filtered({ 'custom.certified_on.from': '2026-02-01', 'custom.grade': 'Q235' })).toEqual([]);
	});

	it('treats a filter left empty as not given', async () => {
		expect(await filtered({ 'custom.grade': '', 'custom.density.from': ' ' })).toEqual(['L-1', 'L-2', 'L-3']);
	});

	it('refuses a key no active field has, a value of the wrong type and a range on a choice, naming the parameter', async () => {
		const defs = await customFields(t.rt.db, 'item');
		const { issues } = parseCustomFilters(
			[
				['custom.colour', 'red'],
				['custom.grade', 'Q999'],
				['custom.density.from', 'heavy'],
				['custom.certified_on', '2026-13-01'],
				['custom.grade.from', 'Q235'],
				["custom.grade' or 1=1 --", 'x']
			],
			defs
		);
		expect(issues.map((i) => [i.path, i.message])).toEqual([
			['custom.colour', 'is not a defined field'],
			['custom.grade', 'must be one of Q235, Q345'],
			['custom.density.from', 'must be a number'],
			['custom.certified_on', 'must be a date YYYY-MM-DD'],
			['custom.grade.from', 'a range applies to number and date fields only'],
			["custom.grade' or 1=1 --", 'is not a defined field']
		]);
	});

	it('finds nothing rather than failing when a stored value predates a change of the field type', async () => {
		await execute(t.rt, defineCustomField, field('item', 'maker', '厂家', 'Maker', 'number', { position: 4 }), admin);
		expect(await filtered({ 'custom.maker.from': '0' })).toEqual([]);
		await execute(t.rt, defineCustomField, field('item', 'maker', '厂家', 'Maker', 'text', { position: 4 }), admin);
	});
});

describe(`import templates with custom fields (${backendLabel})`, () => {
	it('lists the active custom fields after the built-in columns, headed in zh-CN or en', async () => {
		const items = await withCustomColumns(t.rt.db, importKind('items')!);
		expect(items.columns.slice(-4).map((c) => [c.key, c.zh, c.en, c.required])).toEqual([
			['custom.grade', '牌号', 'Grade', true],
			['custom.density', '密度', 'Density', false],
			['custom.certified_on', '认证日期', 'Certified on', false],
			['custom.maker', '厂家', 'Maker', false]
		]);
		const zh = templateCsv(items, 'zh-CN');
		expect(zh.trim().split(',').slice(-4)).toEqual(['牌号', '密度', '认证日期', '厂家']);
		expect(templateCsv(items, 'en').trim().split(',').slice(-4)).toEqual(['Grade', 'Density', 'Certified on', 'Maker']);
		const sheet = await readSheet(await templateXlsx(items, 'en'), 'xlsx');
		expect(sheet.headers.slice(-4)).toEqual(['Grade', 'Density', 'Certified on', 'Maker']);
	});

	it('adds the fields of customers, suppliers and sales orders to their kinds, and none to the others', async () => {
		const last = async (kind: string) => (await withCustomColumns(t.rt.db, importKind(kind)!)).columns.at(-1)!.key;
		expect(await last('customers')).toBe('custom.region');
		expect(await last('suppliers')).toBe('custom.rating');
		expect(await last('open-orders')).toBe('custom.channel');
		expect(await withCustomColumns(t.rt.db, importKind('boms')!)).toEqual(importKind('boms'));
	});

	it('leaves a retired field out of the template', async () => {
		await execute(t.rt, defineCustomField, field('supplier', 'rating', '评级', 'Rating', 'number', { active: false }), admin);
		const keys = (await withCustomColumns(t.rt.db, importKind('suppliers')!)).columns.map((c) => c.key);
		expect(keys).toEqual(importKind('suppliers')!.columns.map((c) => c.key));
		expect(keys).not.toContain('custom.rating');
	});

	it('reads a filled-in template back, and reports a bad custom value by row and column', async () => {
		const csv = Buffer.from(
			// Code, name, the contact columns and currency left empty, then the region.
			templateCsv(await withCustomColumns(t.rt.db, importKind('customers')!), 'en') + ['C-OK,Good Co,,,,,,,east', 'C-BAD,Bad Co,,,,,,,south'].join('\r\n')
		);
		const preview = await runImport(t.rt, importKind('customers')!, await readSheet(csv, 'csv'), admin, false);
		expect(preview.issues.map((i) => [i.row, i.column, i.code])).toEqual([[3, 'custom.region', 'ERR_CUSTOM_INVALID']]);
	});

	it('reports a missing required custom column once, on the header row', async () => {
		await execute(t.rt, saveCustomer, { customerId: 'C-1', name: 'One' }, admin);
		const csv = Buffer.from(['订单号,客户编码,行号,物料编码,数量,要求交期', 'SO-1,C-1,1,L-1,5,2026-06-01'].join('\n'));
		const r = await runImport(t.rt, importKind('open-orders')!, await readSheet(csv, 'csv'), admin, false);
		expect(r.issues).toEqual([{ row: 1, column: 'custom.channel', message: 'the column "渠道" / "Channel" is missing', code: 'ERR_IMPORT_MISSING_COLUMN', params: { column: 'custom.channel' } }]);
	});

	it('takes an order’s custom values from its rows and reports a bad number cell by row and column', async () => {
		await execute(t.rt, defineCustomField, field('sales_order', 'margin', '毛利', 'Margin', 'number'), admin);
		const csv = Buffer.from(
			[
				'Order,Customer code,Line,Item code,Qty,Requested date,Channel,Margin',
				'SO-2,C-1,1,L-1,5,2026-06-01,online,0.2',
				'SO-3,C-1,1,L-2,5,2026-06-01,dealer,high'
			].join('\n')
		);
		const r = await runImport(t.rt, importKind('open-orders')!, await readSheet(csv, 'csv'), admin, false);
		expect(r.issues.map((i) => [i.row, i.column, i.message])).toEqual([[3, 'custom.margin', 'must be a number']]);
	});
});
