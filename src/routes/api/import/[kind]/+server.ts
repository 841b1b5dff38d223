import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, readBytes } from '$lib/server/http';
import { requireActor } from '$lib/server/auth';
import { importKind } from '$server/import/kinds.ts';
import { readSheet, type SheetFormat } from '$server/import/sheet.ts';
import { runImport } from '$server/import/run.ts';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * POST /api/import/<kind>[?commit=1] with the CSV or XLSX file as the body. Without commit: a preview
 * (every row checked, nothing written). With commit: all rows in one transaction, or none and 400.
 */
export const POST: RequestHandler = endpoint(async ({ params, url, request, locals }, rt) => {
	const kind = importKind(params.kind);
	if (!kind) throw new AppError('ERR_NOT_FOUND', `nothing to import as "${params.kind}"`);
	const actor = await requireActor(rt, request, locals);
	const type = request.headers.get('content-type') ?? '';
	const format: SheetFormat = url.searchParams.get('format') === 'xlsx' || type.startsWith(XLSX) ? 'xlsx' : 'csv';
	const data = await readBytes(request, 10 * 1024 * 1024);
	let sheet;
	try {
		sheet = await readSheet(data, format);
	} catch (err) {
		throw new AppError('ERR_VALIDATION', `the file could not be read as ${format.toUpperCase()}: ${(err as Error).message}`);
	}
	const commit = url.searchParams.get('commit') === '1';
	const result = await runImport(rt, kind, sheet, actor, commit);
	return json(result, { status: commit && !result.committed ? 400 : 200 });
}, runtime);
