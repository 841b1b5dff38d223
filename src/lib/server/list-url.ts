// A list's URL query as the purchasing and production pages and their GET /api lists read it: the
// parameters of a page's own forms (`from` prefills the new-order form, `wc` opens a work centre) are
// set aside, the rest goes to the list's schema in the core (server/shared/list-query.ts).
import type { z } from 'zod';
import { parseListQuery, type ParsedQuery } from '$server/shared/list-query.ts';

const FORM_PARAMS = ['from', 'wc'];

/** `custom: true` for lists filtered by no-code fields (`custom.<key>`). */
export function readListQuery<S extends z.ZodType>(schema: S, url: URL, opts: { custom?: boolean } = {}): ParsedQuery<z.infer<S>> {
	const params = new URLSearchParams([...url.searchParams].filter(([k]) => !FORM_PARAMS.includes(k)));
	return parseListQuery(schema, params, { custom: opts.custom ?? false });
}
