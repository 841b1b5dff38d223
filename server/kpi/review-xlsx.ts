// The review as a workbook: the causes of delay, the late lines, price variance by supplier and by
// item, and the KPI trends, one sheet each.
import ExcelJS from 'exceljs';
import type { Review, ReviewPeriod } from './review.queries.ts';

/** The review's query: ?period=week|month&offset=0…24 (defaults: week, 0). */
export function reviewParams(p: URLSearchParams): { period: ReviewPeriod; offset: number } {
	const period = p.get('period') === 'month' ? 'month' : 'week';
	const n = Number(p.get('offset') ?? 0);
	return { period, offset: Number.isInteger(n) && n >= 0 && n <= 24 ? n : 0 };
}

export async function reviewWorkbook(r: Review): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Liandong';
	const sheet = (name: string, header: string[], rows: unknown[][]) => {
		const ws = wb.addWorksheet(name);
		ws.addRow([`${r.range.from} – ${r.range.to}`]);
		ws.addRow(header).font = { bold: true };
		for (const row of rows) ws.addRow(row);
		ws.columns.forEach((c) => (c.width = 18));
	};
	sheet('Delay causes', ['code', 'group', 'label (zh-CN)', 'label (en)', 'late lines', 'days late', 'share %', 'cumulative %'], r.causes.map((c) => [c.code, c.group, c.label?.['zh-CN'] ?? '', c.label?.en ?? '', c.lines, c.daysLate, round(c.share), round(c.cumulative)]));
	sheet('Late lines', ['line', 'customer', 'item', 'due', 'shipped in full', 'days late', 'reason codes', 'causes'], r.late.records.map((x) => [x.record, x.why?.customerId ?? '', x.why?.itemId ?? '', x.why?.due ?? '', x.why?.completedAt ?? '', x.why?.daysLate ?? '', x.why?.reasonCodes.join(', ') ?? '', x.why?.causes.map((c) => c.message).join('; ') ?? '']));
	const ppv = (rows: Review['ppv']['bySupplier']) => rows.map((p) => [p.key, p.name ?? '', p.lines, p.qty, round(p.spend), round(p.standard), round(p.variance), p.variancePct === null ? '' : round(p.variancePct)]);
	const ppvHeader = ['code', 'name', 'lines', 'qty', 'spend', 'at standard cost', 'variance', 'variance %'];
	sheet('PPV by supplier', ppvHeader, ppv(r.ppv.bySupplier));
	sheet('PPV by item', ppvHeader, ppv(r.ppv.byItem));
	const ts = r.trends[0]?.points.map((p) => p.t.slice(0, 10)) ?? [];
	sheet('KPI trends', ['KPI', 'target', ...ts], r.trends.map((k) => [`${k.name['zh-CN']} ${k.name.en}`, k.target, ...k.points.map((p) => (p.value === null ? '' : round(p.value)))]));
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const round = (v: number) => Math.round(v * 100) / 100;
