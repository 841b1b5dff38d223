import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { standupBoard } from '../../../server/kpi/standup.queries.ts';
import { commentKpi, kpiComments } from '../../../server/kpi/comments.ts';
import { drillRange, drillRecords } from '../../../server/kpi/standup-records.ts';
import { recordsWorkbook } from '../../../server/kpi/records-xlsx.ts';
import { AppError } from '../../../server/errors.ts';

// The standup's reads: yesterday and the week to date per KPI, the records behind a figure, comments
// as events, and what happened since the last standup.
let t: TestRuntime;
let now = new Date('2026-12-09T01:00:00Z'); // Wednesday 09:00 in Shanghai: yesterday is Tuesday the 8th
const TZ = 'Asia/Shanghai';
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const lead: Actor = { kind: 'user', id: 'p', name: 'user:wang.fang', roles: ['planner'] };
const viewer: Actor = { kind: 'user', id: 'v', name: 'user:zheng.hao', roles: ['viewer'] };

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => now } });
	const rt = t.rt;
	await execute(rt, saveCustomer, { customerId: 'C-1', name: '客户' }, admin);
	await execute(rt, saveItem, { itemId: 'P-1', name: '卡钳', kind: 'product', uom: 'pcs', unitCost: 10, makeOrBuy: 'make', leadTimeDays: 1 }, admin);
	now = new Date('2026-12-06T01:00:00Z');
	await execute(rt, adjustStock, { itemId: 'P-1', locationId: 'MAIN', qty: 100, reasonCode: 'COUNT' }, admin);
	// Due Monday the 7th: one shipped that day, one shipped on Tuesday (a day late); due Tuesday: shipped Tuesday.
	await execute(rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'P-1', qty: 1, requestedDate: '2026-12-07' }, { lineId: '20', itemId: 'P-1', qty: 1, requestedDate: '2026-12-07' }, { lineId: '30', itemId: 'P-1', qty: 1, requestedDate: '2026-12-08' }] }, admin);
	now = new Date('2026-12-07T03:00:00Z');
	await execute(rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '10', qty: 1 }, admin);
	now = new Date('2026-12-08T03:00:00Z');
	await execute(rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '20', qty: 1 }, admin);
	await execute(rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '30', qty: 1 }, admin);
	now = new Date('2026-12-09T01:00:00Z');
}, 60_000);
afterAll(async () => t?.close());

describe(`standup (${backendLabel})`, () => {
	it('shows each KPI yesterday and week to date, and the days before', async () => {
		const b = await standupBoard(t.rt.db, { now, timeZone: TZ });
		expect({ today: b.today, yesterday: b.yesterday, weekStart: b.weekStart }).toEqual({ today: '2026-12-09', yesterday: '2026-12-08', weekStart: '2026-12-07' });
		const otd = b.kpis.find((k) => k.id === 'otd')!;
		// Yesterday: the line due Tuesday, on time. Week to date: 2 of 3 on time.
		expect(otd.yesterday).toEqual({ value: 100, num: 1, den: 1, status: 'ok' });
		expect(otd.weekToDate).toMatchObject({ num: 2, den: 3, status: 'bad' });
		expect(otd.weekToDate.value).toBeCloseTo(66.67, 1);
		expect(otd.trend).toHaveLength(14);
		expect(otd.trend.slice(-2)).toEqual([{ date: '2026-12-07', value: 50 }, { date: '2026-12-08', value: 100 }]);
		expect(b.kpis.map((k) => k.id)).toContain('oee');
		// Since the same time yesterday: two shipments.
		expect(b.changes.find((c) => c.kind === 'shipments')).toEqual({ kind: 'shipments', count: 2 });
		expect(b.changes.find((c) => c.kind === 'orders')).toEqual({ kind: 'orders', count: 0 });
	});

	it('drills into the records behind a figure, and exports them as a workbook', async () => {
		expect(drillRange('wtd', now, TZ)).toEqual({ from: '2026-12-07', to: '2026-12-08' });
		const r = await drillRecords(t.rt.db, { kpi: 'otd', range: 'wtd', side: 'den', now, timeZone: TZ });
		expect(r.total).toBe(3);
		expect(r.records.map((x) => [x.record, x.num, x.why?.daysLate])).toEqual([
			['SO-1/10', 1, 0],
			['SO-1/20', 0, 1],
			['SO-1/30', 1, 0]
		]);
		const buf = await recordsWorkbook({ kpi: 'otd', title: 'OTD', from: '2026-12-07', to: '2026-12-08', side: 'den', records: r.records, total: r.total });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
		expect(rows[1]).toEqual(['record', 'bucket', 'num', 'den', 'customer', 'item', 'due', 'shipped in full', 'on time', 'days late', 'reason codes', 'causes']);
		expect(rows[3].slice(0, 4)).toEqual(['SO-1/20', expect.any(String), 0, 1]);
		expect(rows[3][8]).toBe('no');
	});

	it('keeps comments as events, refuses an unknown KPI on its field, and a viewer may not comment', async () => {
		await execute(t.rt, commentKpi, { kpi: 'otd', date: '2026-12-07', text: '线 20 晚发一天：等铸件' }, lead);
		const refused = await execute(t.rt, commentKpi, { kpi: 'happiness', date: '2026-12-07', text: 'x' }, lead).catch((e: AppError) => e);
		expect((refused as AppError).details.issues).toEqual([expect.objectContaining({ path: 'kpi', code: 'ERR_KPI_UNKNOWN' })]);
		await expect(execute(t.rt, commentKpi, { kpi: 'otd', date: '2026-12-07', text: 'x' }, viewer)).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
		expect(await kpiComments(t.rt.db, { kpis: ['otd'], from: '2026-12-01', to: '2026-12-09' })).toEqual([
			{ kpi: 'otd', date: '2026-12-07', text: '线 20 晚发一天：等铸件', actor: 'user:wang.fang', at: expect.any(String) }
		]);
		const b = await standupBoard(t.rt.db, { now, timeZone: TZ });
		expect(b.kpis.find((k) => k.id === 'otd')!.comments).toHaveLength(1);
		// A projection rebuild keeps them.
		await t.rt.rebuildProjections();
		expect(await kpiComments(t.rt.db, { from: '2026-12-01', to: '2026-12-09' })).toHaveLength(1);
	});
});
