// The item list's URL query, shared by the /items page and GET /api/items: one parse, one set of
// defaults. Empty parameters (an empty search box) mean "not given"; `lang` belongs to the hooks, and
// `custom.*` to the no-code field filters (src/lib/server/custom-fields.ts).
import { itemListQuery, type ItemListQuery } from '$server/masterdata/commands.ts';
import { isCustomParam } from '$server/masterdata/custom-filter.ts';
import { zodIssues, type Issue } from '$server/commands/command.ts';

export type { ItemListQuery };

export function parseItemQuery(url: URL): { query: ItemListQuery; issues?: undefined } | { query?: undefined; issues: Issue[] } {
	const params = Object.fromEntries([...url.searchParams].filter(([k, v]) => k !== 'lang' && !isCustomParam(k) && v !== ''));
	const parsed = itemListQuery.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}
