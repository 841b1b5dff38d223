import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { review, reviewRange } from '../../../server/kpi/review.queries.ts';
import { reviewWorkbook } from '../../../server/kpi/review-xlsx.ts';

// The weekly review: late lines ranked by cause (a Pareto), purchase price variance against standard
// cost, the KPIs per week; and its workbook.
let t: TestRuntime;
const TZ = 'Asia/Shanghai';
// Thursday 10 December 2026, 09:00 in Shanghai: the week under review is Monday 7 to Wednesday 9.
const NOW = new Date('2026-12-10T01:00:00Z');
const at = (date: string, hh = '10') => ({ occurredAt: `${date}T${hh}:00:00+08:00` });

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	await append([
		ev.customer({ customerId: 'C-R', name: '复盘客户' }),
		ev.supplier({ supplierId: 'S-DEAR', name: '贵的供应商' }),
		ev.supplier({ supplierId: 'S-CHEAP', name: '便宜的供应商' }),
		ev.item({ itemId: 'P-R', name: '卡钳', makeOrBuy: 'make', unitCost: 10, allowNegativeStock: true }),
		ev.item({ itemId: 'M-R', name: '铸件', kind: 'material', makeOrBuy: 'buy', unitCost: 5 })
	]);
	await append([
		ev.salesOrder({ orderId: 'SO-R', customerId: 'C-R', lines: [
			{ lineId: '10', itemId: 'P-R', qty: 1, requestedDate: '2026-12-07' },
			{ lineId: '20', itemId: 'P-R', qty: 1, requestedDate: '2026-12-07' },
			{ lineId: '30', itemId: 'P-R', qty: 1, requestedDate: '2026-12-08' }
		] }, at('2026-12-01')),
		{ ...ev.purchaseOrder({ poId: 'PO-D', supplierId: 'S-DEAR', lines: [{ lineId: '10', itemId: 'M-R', qty: 10, unitPrice: 6, expectedDate: '2026-12-20' }] }), ...at('2026-12-08') },
		{ ...ev.purchaseOrder({ poId: 'PO-C', supplierId: 'S-CHEAP', lines: [{ lineId: '10', itemId: 'M-R', qty: 10, unitPrice: 4.5, expectedDate: '2026-12-20' }] }), ...at('2026-12-08') },
		// Placed the week before: not in this review.
		{ ...ev.purchaseOrder({ poId: 'PO-OLD', supplierId: 'S-DEAR', lines: [{ lineId: '10', itemId: 'M-R', qty: 100, unitPrice: 50, expectedDate: '2026-12-20' }] }), ...at('2026-12-02') }
	]);
	// The plan put line 10 at risk for a late receipt before it shipped late; line 30 was late with no cause recorded.
	await append([
		{ id: crypto.randomUUID(), type: 'sales_order_line.at_risk', ...at('2026-12-05'), source: 'test', data: { orderId: 'SO-R', lineId: '10', dueDate: '2026-12-07', expectedDate: '2026-12-09', daysLate: 2, causes: [{ code: 'RISK_RECEIPT_LATE', message: 'PO-D line 10 arrives 12-09' }] } }
	]);
	await append([
		ev.shipment({ orderId: 'SO-R', lineId: '10', qty: 1 }, at('2026-12-09')),
		ev.shipment({ orderId: 'SO-R', lineId: '20', qty: 1 }, at('2026-12-07')),
		ev.shipment({ orderId: 'SO-R', lineId: '30', qty: 1 }, at('2026-12-09'))
	]);
}, 60_000);
afterAll(async () => t?.close());

describe(`review (${backendLabel})`, () => {
	it('takes calendar weeks and months up to yesterday', () => {
		expect(reviewRange('week', 0, NOW, TZ)).toEqual({ period: 'week', offset: 0, from: '2026-12-07', to: '2026-12-09' });
		expect(reviewRange('week', 1, NOW, TZ)).toEqual({ period: 'week', offset: 1, from: '2026-11-30', to: '2026-12-06' });
		expect(reviewRange('month', 0, NOW, TZ)).toEqual({ period: 'month', offset: 0, from: '2026-12-01', to: '2026-12-09' });
		expect(reviewRange('month', 1, NOW, TZ)).toEqual({ period: 'month', offset: 1, from: '2026-11-01', to: '2026-11-30' });
		expect(reviewRange('month', 12, NOW, TZ)).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
	});

	it('ranks the causes of late lines, and prices purchases against standard cost', async () => {
		const r = await review(t.rt.db, { period: 'week', offset: 0, now: NOW, timeZone: TZ });
		expect(r.late).toMatchObject({ lines: 2, of: 3 });
		expect(r.causes).toEqual([
			{ code: 'RISK_RECEIPT_LATE', group: 'supply', label: null, lines: 1, daysLate: 2, share: 50, cumulative: 50 },
			{ code: 'UNEXPLAINED', group: 'unexplained', label: null, lines: 1, daysLate: 1, share: 50, cumulative: 100 }
		]);
		// 10 at 6 against a standard of 5: +10 (+20%); 10 at 4.5: −5 (−10%).
		expect(r.ppv.total).toMatchObject({ lines: 2, spend: 105, standard: 100, variance: 5, variancePct: 5 });
		expect(r.ppv.bySupplier.map((p) => [p.key, p.name, p.variance, p.variancePct])).toEqual([
			['S-DEAR', '贵的供应商', 10, 20],
			['S-CHEAP', '便宜的供应商', -5, -10]
		]);
		expect(r.ppv.byItem.map((p) => [p.key, p.variance])).toEqual([['M-R', 5]]);
		const otd = r.trends.find((k) => k.kpi === 'otd')!;
		expect(otd.points.at(-1)).toMatchObject({ value: expect.closeTo(33.33, 1), status: 'bad' });
		expect(otd.points).toHaveLength(12);
	});

	it('gives the same as a workbook', async () => {
		const r = await review(t.rt.db, { period: 'week', offset: 0, now: NOW, timeZone: TZ });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await reviewWorkbook(r)) as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Delay causes', 'Late lines', 'PPV by supplier', 'PPV by item', 'KPI trends']);
		const causes = wb.getWorksheet('Delay causes')!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
		expect(causes.slice(2)).toEqual([
			['RISK_RECEIPT_LATE', 'supply', '', '', 1, 2, 50, 50],
			['UNEXPLAINED', 'unexplained', '', '', 1, 1, 50, 100]
		]);
	});
});
