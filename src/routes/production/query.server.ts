// The production lists' URL queries, shared by the pages and their GET /api endpoints: one parse, one
// set of defaults per list. Empty parameters (an empty search box) mean "not given"; `lang` belongs
// to the hooks and `wc` (the work centre shown in the form) to the work-centre page.
import type { z } from 'zod';
import type { Queryable } from '$server/db/db.ts';
import type { StoredEvent } from '$server/events/envelope.ts';
import { rowToEvent } from '$server/events/read.ts';
import { zodIssues, type Issue } from '$server/commands/command.ts';

const NOT_FILTERS = new Set(['lang', 'wc']);

export function parseListQuery<S extends z.ZodType>(schema: S, url: URL): { query: z.infer<S>; issues?: undefined } | { query?: undefined; issues: Issue[] } {
	const params = Object.fromEntries([...url.searchParams].filter(([k, v]) => !NOT_FILTERS.has(k) && v !== ''));
	const parsed = schema.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}

/** A search term as an ILIKE pattern matching it anywhere, its wildcards taken literally. */
export const containing = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * True only when two unions have the same members: the pages name statuses in $lib (no server code
 * reaches the browser), the server declares them; `const agree: SameMembers<A, B> = true` stops a drift.
 */
export type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Events of one record, newest first, by the key its events carry in their data (its timeline, with actors). */
export async function recordHistory(
	q: Queryable,
	key: 'productionOrderId' | 'workCenterId' | 'itemId',
	id: string,
	types: readonly string[],
	limit = 200
): Promise<StoredEvent[]> {
	// The key is written into the SQL (one of a few fixed names) so a partial index on it can apply.
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where data ? '${key}' and data->>'${key}' = $1 and type = any($2::text[])
		order by occurred_at desc, seq desc limit $3`,
		[id, types, limit]
	);
	return r.rows.map(rowToEvent);
}
