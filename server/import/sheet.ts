// Reading an uploaded CSV or XLSX into typed rows, and writing the empty templates. Headers may be in
// zh-CN or en (or the column keys); cells are converted by column type with per-cell errors.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Column, ImportKind, Row } from './kinds.ts';
import { decodeUtf8 } from '../utf8.ts';
import type { ErrorCode } from '../errors.ts';

export interface RowIssue {
	/** Spreadsheet row number: the header is row 1. */
	row: number;
	column?: string;
	message: string;
	code?: ErrorCode;
	params?: Record<string, unknown>;
}

export interface Sheet {
	headers: string[];
	rows: unknown[][];
}

export type SheetFormat = 'csv' | 'xlsx';

export async function readSheet(data: Buffer, format: SheetFormat): Promise<Sheet> {
	if (format === 'csv') {
		// Not UTF-8 (a CSV saved as GBK, say) is refused rather than imported as U+FFFD.
		const text = decodeUtf8(data).replace(/^\uFEFF/, '');
		const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
		return { headers: (records[0] ?? []).map((h) => h.trim()), rows: records.slice(1) };
	}
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(data as unknown as ArrayBuffer);
	const ws = wb.worksheets[0];
	if (!ws) return { headers: [], rows: [] };
	const rows: unknown[][] = [];
	ws.eachRow({ includeEmpty: true }, (row) => {
		const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
		rows.push(values.map(cellValue));
	});
	return { headers: (rows[0] ?? []).map((h) => String(h ?? '').trim()), rows: rows.slice(1) };
}

function cellValue(v: unknown): unknown {
	if (v && typeof v === 'object') {
		if (v instanceof Date) return v;
		const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
		if (o.result !== undefined) return o.result; // formula
		if (o.richText) return o.richText.map((t) => t.text).join('');
		if (o.text !== undefined) return o.text; // hyperlink
	}
	return v;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '允许']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '不允许']);

type CellError = { message: string; code: ErrorCode };

function convert(col: Column, raw: unknown): { value?: string | number | boolean; error?: CellError } {
	if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return {};
	switch (col.type) {
		case 'text':
			return { value: raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim() };
		case 'number':
		case 'int': {
			const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/[,\s]/g, ''));
			if (!Number.isFinite(n)) return { error: { message: 'must be a number', code: 'ERR_NOT_A_NUMBER' } };
			if (col.type === 'int' && !Number.isInteger(n)) return { error: { message: 'must be a whole number', code: 'ERR_NOT_INTEGER' } };
			return { value: n };
		}
		case 'bool': {
			const s = String(raw).trim().toLowerCase();
			if (TRUE.has(s)) return { value: true };
			if (FALSE.has(s)) return { value: false };
			return { error: { message: 'must be yes or no', code: 'ERR_YES_OR_NO' } };
		}
		case 'date': {
			if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
			const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(raw).trim());
			if (!m) return { error: { message: 'must be a date YYYY-MM-DD', code: 'ERR_INVALID_DATE' } };
			return { value: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` };
		}
	}
}

/** Typed rows by column key, or issues (unknown or missing headers, bad cells). */
export function readRows(kind: ImportKind, sheet: Sheet): { rows: { n: number; row: Row }[]; issues: RowIssue[] } {
	const issues: RowIssue[] = [];
	const byHeader = new Map<string, Column>();
	for (const col of kind.columns) for (const name of [col.key, col.zh, col.en]) byHeader.set(name.toLowerCase(), col);
	const cols = sheet.headers.map((h) => (h ? byHeader.get(h.toLowerCase()) : undefined));
	sheet.headers.forEach((h, i) => {
		if (h && !cols[i]) issues.push({ row: 1, column: h, message: `unknown column "${h}"`, code: 'ERR_IMPORT_UNKNOWN_COLUMN', params: { column: h } });
	});
	for (const col of kind.columns) {
		if (col.required && !cols.includes(col)) issues.push({ row: 1, column: col.key, message: `the column "${col.zh}" / "${col.en}" is missing`, code: 'ERR_IMPORT_MISSING_COLUMN', params: { column: col.key } });
	}
	const rows: { n: number; row: Row }[] = [];
	sheet.rows.forEach((cells, i) => {
		const n = i + 2;
		if (cells.every((v) => v === null || v === undefined || String(v).trim() === '')) return;
		const row: Row = {};
		cols.forEach((col, j) => {
			if (!col) return;
			const { value, error } = convert(col, cells[j]);
			if (error) issues.push({ row: n, column: col.key, ...error, params: {} });
			else if (value !== undefined) row[col.key] = value;
		});
		rows.push({ n, row });
	});
	return { rows, issues };
}

export function templateCsv(kind: ImportKind, locale: 'zh-CN' | 'en'): string {
	const header = kind.columns.map((c) => (locale === 'zh-CN' ? c.zh : c.en));
	// A BOM so spreadsheet programs open the Chinese headers as UTF-8.
	return '\uFEFF' + header.map((h) => (/[",\n]/.test(h) ? `"${h.replaceAll('"', '""')}"` : h)).join(',') + '\r\n';
}

export async function templateXlsx(kind: ImportKind, locale: 'zh-CN' | 'en'): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(kind.label[locale]);
	ws.addRow(kind.columns.map((c) => (locale === 'zh-CN' ? c.zh : c.en)));
	ws.getRow(1).font = { bold: true };
	kind.columns.forEach((c, i) => {
		ws.getColumn(i + 1).width = Math.max(12, (locale === 'zh-CN' ? c.zh.length * 2 : c.en.length) + 2);
	});
	return Buffer.from(await wb.xlsx.writeBuffer());
}
