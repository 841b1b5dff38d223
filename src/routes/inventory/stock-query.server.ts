// The stock list's URL query, shared by the /inventory page and GET /api/stock: one parse, one set of
// defaults. Empty parameters (an empty search box, an unticked filter) mean "not given"; `lang`
// belongs to the hooks.
import { zodIssues, type Issue } from '$server/commands/command.ts';
import { stockListQuery, type StockListQuery } from '$server/inventory/queries.ts';

export type { StockListQuery };

export function parseStockQuery(url: URL): { query: StockListQuery; issues?: undefined } | { query?: undefined; issues: Issue[] } {
	const params = Object.fromEntries([...url.searchParams].filter(([k, v]) => k !== 'lang' && v !== ''));
	const parsed = stockListQuery.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}
