// The team leads' standup: yesterday and the week to date against target for every KPI, what happened
// since the last standup, and the open alerts with owners and age. An owner acknowledges an alert here
// (an alert.acknowledged event, as on the alerts page); comments on a KPI are written on its page.
import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { execute } from '$server/commands/command.ts';
import { acknowledgeAlert } from '$server/alerts/commands.ts';
import { standupBoard } from '$server/kpi/standup.queries.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const rt = await runtime();
	return { board: await standupBoard(rt.db, { now: rt.clock.now(), timeZone: rt.config.timeZone }), timeZone: rt.config.timeZone };
};

export const actions: Actions = {
	acknowledge: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const f = await request.formData();
		const rt = await runtime();
		const out = await attempt(() => execute(rt, acknowledgeAlert, { alertId: String(f.get('alertId') ?? '') }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { alertId: String(f.get('alertId') ?? ''), issues: out.issues });
		return { acknowledged: out.result.alertId };
	}
};
