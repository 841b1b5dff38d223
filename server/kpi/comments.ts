// Comments on a KPI's figure of a day — "OTD fell: the foundry's castings came 3 days late" — written
// at the standup as events (kpi.commented), kept in kpi_comments, shown beside the figure and as marks
// on its trend.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { Command } from '../commands/command.ts';
import type { Projector } from '../events/projectors.ts';
import { isoDate, text } from '../events/primitives.ts';
import { CommandRejected } from '../commands/command.ts';
import { kpiDefinition } from './catalogue.ts';

export const kpiCommentedSchema = z.strictObject({
	kpi: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a KPI id of the catalogue'),
	/** The factory day the comment is about. */
	date: isoDate,
	text: text(1000)
});
type KpiCommented = z.infer<typeof kpiCommentedSchema>;

export const kpiCommentEventTypes = [{ type: 'kpi.commented', schema: kpiCommentedSchema, description: "A comment on a KPI's figure of a day (from the standup), shown beside it and on its trend." }];

export const commentKpi: Command<KpiCommented, { kpi: string; date: string }> = {
	name: 'kpi.comment',
	input: kpiCommentedSchema,
	roles: ['manager', 'planner', 'sales', 'purchasing', 'production', 'warehouse', 'quality'],
	async run(_ctx, input) {
		if (!kpiDefinition(input.kpi)) throw new CommandRejected('ERR_KPI_UNKNOWN', 'kpi', `no KPI ${input.kpi}`, { kpi: input.kpi });
		return { events: [{ type: 'kpi.commented', data: input }], result: { kpi: input.kpi, date: input.date } };
	}
};

export const kpiCommented: Projector<KpiCommented> = {
	type: 'kpi.commented',
	async apply(tx, events) {
		await tx.query(
			`insert into kpi_comments (event_id, kpi, day, text, actor, at)
			select id, kpi, day, text, actor, at from jsonb_to_recordset($1::jsonb) as x(id uuid, kpi text, day date, text text, actor text, at timestamptz)
			on conflict (event_id) do nothing`,
			[JSON.stringify(events.map((e) => ({ id: e.id, kpi: e.data.kpi, day: e.data.date, text: e.data.text, actor: e.actor ?? null, at: e.occurredAt })))]
		);
	}
};

export async function resetKpiComments(tx: Queryable): Promise<void> {
	await tx.exec('truncate kpi_comments');
}

export interface KpiComment {
	kpi: string;
	date: string;
	text: string;
	actor: string | null;
	at: string;
}

/** Comments on these KPIs' days in [from, to] (factory dates), oldest first. */
export async function kpiComments(q: Queryable, a: { kpis?: string[]; from: string; to: string }): Promise<KpiComment[]> {
	const r = await q.query<{ kpi: string; day: string; text: string; actor: string | null; at: Date }>(
		`select kpi, to_char(day, 'YYYY-MM-DD') as day, text, actor, at from kpi_comments
		where day between $1::date and $2::date and ($3::text[] is null or kpi = any($3::text[])) order by day, at`,
		[a.from, a.to, a.kpis ?? null]
	);
	return r.rows.map((x) => ({ kpi: x.kpi, date: x.day, text: x.text, actor: x.actor, at: new Date(x.at).toISOString() }));
}
