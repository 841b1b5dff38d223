// The standup drill-down's records as XLSX (same range and side as the page).
import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { kpiDefinition } from '$server/kpi/catalogue.ts';
import { drillRange, drillRecords, DRILL_RANGES, type DrillRange } from '$server/kpi/standup-records.ts';
import { recordsWorkbook } from '$server/kpi/records-xlsx.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	requireUser(locals, url);
	const def = kpiDefinition(params.kpi);
	if (!def) error(404, { message: `no KPI ${params.kpi}`, code: 'ERR_NOT_FOUND' });
	const rt = await runtime();
	const now = rt.clock.now();
	const range = ((DRILL_RANGES as readonly string[]).includes(url.searchParams.get('range') ?? '') ? url.searchParams.get('range') : 'yesterday') as DrillRange;
	const side = url.searchParams.get('side') === 'num' ? 'num' : 'den';
	const { from, to } = drillRange(range, now, rt.config.timeZone);
	const r = await drillRecords(rt.db, { kpi: def.id, range, side, now, timeZone: rt.config.timeZone });
	const body = await recordsWorkbook({ kpi: def.id, title: `${def.name['zh-CN']} ${def.name.en}`, from, to, side, records: r.records, total: r.total });
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${def.id}-${from}-${to}.xlsx"`
		}
	});
};
