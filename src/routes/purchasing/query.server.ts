// The purchasing lists' URL queries, shared by the pages and their GET /api endpoints: one parse, one
// set of defaults per list. Empty parameters (an empty search box) mean "not given"; `lang` belongs
// to the hooks and `from` to the new-order form; `custom.*`, on a list filtered by no-code fields,
// to those filters (src/lib/server/custom-fields.ts).
import type { z } from 'zod';
import { zodIssues, type Issue } from '$server/commands/command.ts';
import { isCustomParam } from '$server/masterdata/custom-filter.ts';

const NOT_FILTERS = new Set(['lang', 'from']);

export function parseListQuery<S extends z.ZodType>(
	schema: S,
	url: URL,
	opts: { customFilters?: boolean } = {}
): { query: z.infer<S>; issues?: undefined } | { query?: undefined; issues: Issue[] } {
	const params = Object.fromEntries(
		[...url.searchParams].filter(([k, v]) => !NOT_FILTERS.has(k) && !(opts.customFilters && isCustomParam(k)) && v !== '')
	);
	const parsed = schema.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}

/** A search term as an ILIKE pattern matching it anywhere, its wildcards taken literally. */
export const containing = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
