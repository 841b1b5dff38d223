import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { alertsQuery, listAlerts } from '$server/alerts/alert.queries.ts';
import type { RequestHandler } from './$types';

// GET /api/alerts[?status=open|acknowledged|resolved][&severity=…][&mine=1] (CONTRACTS.md, KPIs and
// alerts), newest first. Acknowledge and resolve are commands: POST /api/commands/alert.acknowledge
// and /api/commands/alert.resolve with {"alertId","comment"?}.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(alertsQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const reader = { username: actor.name.startsWith('user:') ? actor.name.slice(5) : '', roles: actor.roles, department: actor.department ?? null };
	const alerts = await listAlerts(rt.db, query, reader);
	return json({
		alerts: alerts.map((a) => ({
			id: a.id,
			rule: a.rule,
			kind: a.kind,
			severity: a.severity,
			status: a.status,
			ref: a.ref,
			message: a.message,
			messages: a.messages,
			raisedAt: a.raisedAt,
			...(a.owner ? { owner: a.owner } : {}),
			link: a.link,
			level: a.level,
			acknowledgedAt: a.acknowledgedAt,
			resolvedAt: a.resolvedAt,
			resolution: a.resolution
		}))
	});
}, runtime);
