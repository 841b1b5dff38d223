// One way to read a list's URL query (pages and GET /api/<list> alike): empty parameters (an empty
// search box, an unticked filter) mean "not given", `lang` belongs to the page hooks and `custom.*`
// to the no-code field filters (server/masterdata/custom-filter.ts); the rest is checked by the list's
// own zod schema, whose defaults fill what is missing.
import type { z } from 'zod';
import { zodIssues, type Issue } from '../commands/command.ts';
import { isCustomParam } from './custom-filter.ts';

export type ParsedQuery<Q> = { query: Q; issues?: undefined } | { query?: undefined; issues: Issue[] };

/** `custom: false` for lists without no-code fields, where a `custom.*` parameter is as unknown as any other. */
export function parseListQuery<S extends z.ZodType>(schema: S, params: URLSearchParams, opts: { custom?: boolean } = {}): ParsedQuery<z.infer<S>> {
	const custom = opts.custom ?? true;
	const given = Object.fromEntries([...params].filter(([k, v]) => k !== 'lang' && !(custom && isCustomParam(k)) && v !== ''));
	const parsed = schema.safeParse(given);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}
