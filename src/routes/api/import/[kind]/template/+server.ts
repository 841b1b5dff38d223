import { runtime } from '$lib/server/runtime';
import { AppError, endpoint } from '$lib/server/http';
import { requireActor } from '$lib/server/auth';
import { importKind, withCustomColumns } from '$server/import/kinds.ts';
import { templateCsv, templateXlsx } from '$server/import/sheet.ts';
import type { RequestHandler } from './$types';

// GET /api/import/<kind>/template?format=csv|xlsx&lang=zh-CN|en: an empty sheet with the headers, the
// entity's custom fields included. Signed-in users (or tokens) only, as the field definitions are the
// factory's own configuration.
export const GET: RequestHandler = endpoint(async ({ params, url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const base = importKind(params.kind);
	if (!base) throw new AppError('ERR_NOT_FOUND', `nothing to import as "${params.kind}"`);
	const kind = await withCustomColumns(rt.db, base);
	const locale = url.searchParams.get('lang') === 'en' ? 'en' : url.searchParams.get('lang') === 'zh-CN' ? 'zh-CN' : locals.locale;
	const name = `liandong-${kind.kind}-${locale}`;
	if (url.searchParams.get('format') === 'xlsx') {
		return new Response(new Uint8Array(await templateXlsx(kind, locale)), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${name}.xlsx"`
			}
		});
	}
	return new Response(templateCsv(kind, locale), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }
	});
}, runtime);
