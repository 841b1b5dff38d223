import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { readListQuery } from '$lib/server/list-url';
import { execute } from '$server/commands/command.ts';
import { acknowledgeAlert, resolveAlert } from '$server/alerts/commands.ts';
import { alertsQuery, listAlerts } from '$server/alerts/alert.queries.ts';
import { ROLE_LABELS } from '$server/auth/roles.ts';
import { owns } from '$server/alerts/rules.ts';
import type { Actions, PageServerLoad } from './$types';

// The alerts list: by status (open by default), severity and "mine"; each alert links to its record,
// and its owner (or an administrator) acknowledges or resolves it here with a comment.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const parsed = readListQuery(alertsQuery, url);
	const query = parsed.query ?? {};
	const status = url.searchParams.has('status') ? query.status : 'open';
	const alerts = await listAlerts(rt.db, { ...query, status }, { username: user.username, roles: user.roles, department: user.department });
	const me = { username: user.username, roles: user.roles, department: user.department };
	const mayAct = (a: (typeof alerts)[number]) => user.roles.includes('admin') || owns(me, a.owner ?? null) || owns(me, a.raisedOwner ?? null);
	return {
		alerts: alerts.map((a) => ({ ...a, mayAct: a.status !== 'resolved' && mayAct(a) })),
		filter: { status: status ?? '', severity: query.severity ?? '', mine: query.mine === '1' },
		now: rt.clock.now().toISOString(),
		roleLabels: Object.fromEntries(Object.entries(ROLE_LABELS).map(([r, l]) => [r, l[locals.locale]])) as Record<string, string>
	};
};

async function act(kind: 'acknowledge' | 'resolve', locals: App.Locals, url: URL, request: Request) {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const form = await request.formData();
	const alertId = String(form.get('alertId') ?? '');
	const comment = String(form.get('comment') ?? '').trim();
	const input = { alertId, ...(comment ? { comment } : {}) };
	const out = await attempt(() => execute(rt, kind === 'acknowledge' ? acknowledgeAlert : resolveAlert, input, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { alertId, kind, comment, issues: out.issues });
	return { alertId, kind, done: true as const };
}

export const actions: Actions = {
	acknowledge: ({ locals, url, request }) => act('acknowledge', locals, url, request),
	resolve: ({ locals, url, request }) => act('resolve', locals, url, request)
};
