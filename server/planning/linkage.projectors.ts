// Projection of the linkage settings: planning_category.saved into planning_categories, the latest
// setting per category by business time (last writer wins, whatever the arrival order).
import type { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { planningCategorySavedSchema } from './linkage-schemas.ts';
import { DEFAULT_CATEGORY } from './linkage.queries.ts';

export const planningCategorySaved: Projector<z.infer<typeof planningCategorySavedSchema>> = {
	type: 'planning_category.saved',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.category ?? DEFAULT_CATEGORY).map((e) => ({
			category: e.data.category ?? DEFAULT_CATEGORY,
			mode: e.data.mode,
			windowDays: e.data.windowDays,
			by: e.actor ?? e.source,
			at: e.occurredAt,
			id: e.id
		}));
		await tx.query(
			`insert into planning_categories (category, mode, window_days, updated_by, version_at, version_id)
			select category, mode, "windowDays", by, at, id
			from jsonb_to_recordset($1::jsonb) as x(category text, mode text, "windowDays" int, by text, at timestamptz, id uuid)
			on conflict (category) do update set mode = excluded.mode, window_days = excluded.window_days, updated_by = excluded.updated_by,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (planning_categories.version_at, planning_categories.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const linkageProjectors = [planningCategorySaved] as Projector[];

/** Empties the linkage settings before a rebuild; the plan's own tables are not projections and stay. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate planning_categories');
}
