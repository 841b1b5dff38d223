// Production projection of the fixed event type: one row per production report.
import type { FixedData } from '../events/catalogue.ts';
import { asJson, type Projector } from '../events/projectors.ts';
import type { Queryable } from '../db/db.ts';

export const productionReported: Projector<FixedData<'production.reported'>> = {
	type: 'production.reported',
	async apply(tx, events) {
		const rows = events.map((e) => ({
			event_id: e.id,
			production_order_id: e.data.productionOrderId,
			work_center_id: e.data.workCenterId ?? null,
			good_qty: e.data.goodQty,
			scrap_qty: e.data.scrapQty ?? 0,
			reported_at: e.occurredAt
		}));
		await tx.query(
			`insert into production_reports (event_id, production_order_id, work_center_id, good_qty, scrap_qty, reported_at)
			select event_id, production_order_id, work_center_id, good_qty, scrap_qty, reported_at
			from jsonb_to_recordset($1::jsonb) as x(event_id uuid, production_order_id text, work_center_id text,
				good_qty numeric, scrap_qty numeric, reported_at timestamptz)`,
			[asJson(rows)]
		);
	}
};

export const productionProjectors = [productionReported] as Projector[];

/** Empties this capability's projections before a rebuild from the event log. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate production_reports');
}
