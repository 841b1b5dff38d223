import { z } from 'zod';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { zodIssues } from '$server/commands/command.ts';
import { code, isoDate, qty } from '$server/events/primitives.ts';
import { planCalendar } from '$server/planning/calendar.ts';
import { loadWhatIfLine, whatIf, type LineOutlook } from '$server/planning/what-if.ts';
import { causeMessage } from '$server/planning/risk-messages.ts';
import type { PageServerLoad } from './$types';

// What-if for a sales order line (`order`, `line`): with a new quantity or date (`qty`, `date`) the
// page shows how the plan would change and when the line could be complete — computed, never saved.
// A GET form: trying again is a new URL, and nothing is written.
const whatIfQuery = z.strictObject({
	order: code.optional(),
	line: code.optional(),
	qty: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), qty.optional()),
	date: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional())
});

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const raw = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'lang'));
	const values = { order: raw.order ?? '', line: raw.line ?? '', qty: raw.qty ?? '', date: raw.date ?? '' };
	const parsed = whatIfQuery.safeParse(raw);
	const issues = parsed.success ? [] : zodIssues(parsed.error, 0, raw);
	const q = parsed.success ? parsed.data : null;
	const orderId = q?.order ?? (issues.some((i) => i.path === 'order') ? undefined : raw.order);
	const lineId = q?.line ?? (issues.some((i) => i.path === 'line') ? undefined : raw.line);
	if (!orderId || !lineId) return { values, issues, line: null, result: null };
	const rt = await runtime();
	// The line is shown with its form even when what was typed for it is refused.
	const line = await loadWhatIfLine(rt.db, orderId, lineId);
	if (!line) return { values, issues: [...issues, { index: 0, path: 'line', message: 'no such sales order line', code: 'ERR_SO_UNKNOWN_LINE' as const, params: { lineId } }], line: null, result: null };
	if (!q || (q.qty === undefined && q.date === undefined)) return { values, issues, line, result: null };
	const calendar = planCalendar(rt.clock.now(), rt.config.timeZone, rt.config.planningHorizonDays);
	const result = await whatIf({ q: rt.db, calendar, timeZone: rt.config.timeZone }, { orderId, lineId, qty: q.qty, date: q.date });
	// The causes of lateness in the reader's language, from their codes and parameters.
	const worded = (o: LineOutlook): LineOutlook => ({ ...o, causes: o.causes.map((c) => ({ ...c, message: causeMessage(c.code, c.params, locals.locale, c.ref?.kind) })) });
	return { values, issues, line, result: result && { ...result, before: worded(result.before), after: worded(result.after) } };
};
