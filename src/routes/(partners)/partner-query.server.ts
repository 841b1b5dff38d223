// The customer and supplier lists' URL queries, shared by the pages and GET /api/customers and
// /api/suppliers: one parse, one set of defaults. Empty parameters (an empty search box) mean "not
// given"; `lang` belongs to the hooks, and `custom.*` to the no-code field filters
// (src/lib/server/custom-fields.ts).
import type { z } from 'zod';
import { zodIssues, type Issue } from '$server/commands/command.ts';
import { isCustomParam } from '$server/masterdata/custom-filter.ts';
import { partnerListQuery, type PartnerListQuery } from '$server/masterdata/commands.ts';
import { supplierListQuery, type SupplierListQuery } from '$server/purchasing/queries.ts';

type Parsed<Q> = { query: Q; issues?: undefined } | { query?: undefined; issues: Issue[] };

function parse<S extends z.ZodType>(schema: S, url: URL): Parsed<z.infer<S>> {
	const params = Object.fromEntries([...url.searchParams].filter(([k, v]) => k !== 'lang' && !isCustomParam(k) && v !== ''));
	const parsed = schema.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}

export const parseCustomerQuery = (url: URL): Parsed<PartnerListQuery> => parse(partnerListQuery, url);
export const parseSupplierQuery = (url: URL): Parsed<SupplierListQuery> => parse(supplierListQuery, url);
