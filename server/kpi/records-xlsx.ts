// The records behind a KPI figure as an XLSX workbook, for meeting notes: one row per record with its
// numerator and denominator and, for delivery KPIs, the due date, when it shipped in full, days late,
// reason codes and supply causes.
import ExcelJS from 'exceljs';
import type { KpiRecord } from './queries.ts';

export async function recordsWorkbook(a: { kpi: string; title: string; from: string; to: string; side: 'num' | 'den'; records: KpiRecord[]; total: number }): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Liandong';
	const ws = wb.addWorksheet(a.kpi);
	ws.addRow([a.title, `${a.from} – ${a.to}`, a.side === 'num' ? 'numerator' : 'denominator', `${a.records.length} of ${a.total}`]);
	ws.addRow([]);
	const header = ws.addRow(['record', 'bucket', 'num', 'den', 'customer', 'item', 'due', 'shipped in full', 'on time', 'days late', 'reason codes', 'causes']);
	header.font = { bold: true };
	for (const r of a.records) {
		const w = r.why;
		ws.addRow([
			r.record,
			r.t,
			r.num,
			r.den,
			w?.customerId ?? '',
			w?.itemId ?? '',
			w?.due ?? '',
			w?.completedAt ?? '',
			w ? (w.onTime ? 'yes' : 'no') : '',
			w?.daysLate ?? '',
			w?.reasonCodes.join(', ') ?? '',
			w?.causes.map((c) => c.message).join('; ') ?? ''
		]);
	}
	ws.columns.forEach((c) => (c.width = 16));
	ws.getColumn(12).width = 60;
	return Buffer.from(await wb.xlsx.writeBuffer());
}
