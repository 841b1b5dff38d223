// A KPI at the standup: its figure over yesterday, the week to date or 30 days, the records behind
// the figure (which lines were late, by how much, why), its trend with the comments on it, and a
// comment of one's own (a kpi.commented event). The records download as XLSX (./records.xlsx).
import { error, fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { execute } from '$server/commands/command.ts';
import { hasAnyRole } from '$server/auth/roles.ts';
import { kpiDefinition } from '$server/kpi/catalogue.ts';
import { commentKpi, kpiComments } from '$server/kpi/comments.ts';
import { drillRange, drillRecords, DRILL_RANGES, type DrillRange } from '$server/kpi/standup-records.ts';
import { kpiTrend } from '$server/kpi/queries.ts';
import { addDays, factoryDate } from '$server/shared/factory-date.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const def = kpiDefinition(params.kpi);
	if (!def) error(404, { message: `no KPI ${params.kpi}`, code: 'ERR_NOT_FOUND' });
	const rt = await runtime();
	const now = rt.clock.now();
	const tz = rt.config.timeZone;
	const range = ((DRILL_RANGES as readonly string[]).includes(url.searchParams.get('range') ?? '') ? url.searchParams.get('range') : 'yesterday') as DrillRange;
	const side = url.searchParams.get('side') === 'num' ? 'num' : 'den';
	const { from, to } = drillRange(range, now, tz);
	const today = factoryDate(now, tz);
	return {
		kpi: { id: def.id, name: def.name, unit: def.unit, direction: def.direction, target: def.target, warn: def.warn, bad: def.bad, formula: def.formula, source: def.source },
		range,
		side,
		from,
		to,
		records: await drillRecords(rt.db, { kpi: def.id, range, side, now, timeZone: tz }),
		trend: await kpiTrend(rt.db, { kpi: def.id, days: 30, now, timeZone: tz }),
		comments: await kpiComments(rt.db, { kpis: [def.id], from: addDays(today, -30), to: today }),
		today,
		canComment: hasAnyRole(user.roles, commentKpi.roles)
	};
};

export const actions: Actions = {
	comment: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, commentKpi.roles);
		const f = await request.formData();
		const rt = await runtime();
		const input = { kpi: params.kpi, date: String(f.get('date') ?? ''), text: String(f.get('text') ?? '').trim() };
		const out = await attempt(() => execute(rt, commentKpi, input, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values: input, issues: out.issues });
		return { commented: true };
	}
};
