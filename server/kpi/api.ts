// The KPI endpoints' inputs (GET /api/kpis/<kpi>, …/records): URL parameters checked into a query the
// read functions take, or issues naming each bad parameter. Rules beyond the shape: `from` before
// `to`, `dim` one of the KPI's dimensions, and at most MAX_POINTS buckets per series.
import type { Issue } from '../commands/command.ts';
import { parseListQuery } from '../shared/list-query.ts';
import { kpiDefinition, KPI_CATALOGUE, type KpiDefinition } from './catalogue.ts';
import { recordsQuery, seriesQuery, type BucketSize } from './queries.ts';

/** A series may have at most this many buckets: a minute series spans at most about two weeks. */
export const MAX_POINTS = 20_000;
const BUCKET_MS: Record<BucketSize, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 28 * 86_400_000 };

const issue = (path: string, message: string): Issue => ({ index: 0, path, message });

function checkRange(from: Date, to: Date): Issue[] {
	return from.getTime() < to.getTime() ? [] : [issue('to', 'must be after from')];
}

function checkDim(def: KpiDefinition, dim: string | undefined): Issue[] {
	if (!dim) return [];
	const i = dim.indexOf(':');
	const name = i > 0 ? dim.slice(0, i) : '';
	if (!def.dims.includes(name) || i === dim.length - 1) {
		return [issue('dim', def.dims.length ? `must be <dimension>:<value> with a dimension of ${def.id}: ${def.dims.join(', ')}` : `${def.id} has no dimensions`)];
	}
	return [];
}

export type ParsedKpiInput<Q> = { def: KpiDefinition; query: Q; issues?: undefined } | { def?: KpiDefinition; query?: undefined; issues: Issue[] };

/** null: no such KPI (404). */
export function parseSeriesInput(kpi: string, params: URLSearchParams): ParsedKpiInput<{ from: Date; to: Date; bucket: BucketSize; dim?: string }> | null {
	const def = kpiDefinition(kpi);
	if (!def) return null;
	const parsed = parseListQuery(seriesQuery, params, { custom: false });
	if (!parsed.query) return { def, issues: parsed.issues };
	const from = new Date(parsed.query.from);
	const to = new Date(parsed.query.to);
	const issues = [...checkRange(from, to), ...checkDim(def, parsed.query.dim)];
	if (!issues.length && (to.getTime() - from.getTime()) / BUCKET_MS[parsed.query.bucket] > MAX_POINTS) {
		issues.push(issue('bucket', `gives more than ${MAX_POINTS} points for this range: choose a coarser bucket or a shorter range`));
	}
	return issues.length ? { def, issues } : { def, query: { from, to, bucket: parsed.query.bucket, dim: parsed.query.dim } };
}

export function parseRecordsInput(
	kpi: string,
	params: URLSearchParams
): ParsedKpiInput<{ from: Date; to: Date; side: 'num' | 'den'; dim?: string; limit?: number }> | null {
	const def = kpiDefinition(kpi);
	if (!def) return null;
	const parsed = parseListQuery(recordsQuery, params, { custom: false });
	if (!parsed.query) return { def, issues: parsed.issues };
	const from = new Date(parsed.query.from);
	const to = new Date(parsed.query.to);
	const issues = [...checkRange(from, to), ...checkDim(def, parsed.query.dim)];
	return issues.length ? { def, issues } : { def, query: { ...parsed.query, from, to } };
}

/** GET /api/kpis: the catalogue as data. */
export function listKpis(): { kpis: readonly KpiDefinition[] } {
	return { kpis: KPI_CATALOGUE };
}
