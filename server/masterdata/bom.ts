// bom.replaced: a parent's whole bill of material. Guarded: the parent and every component must be
// known items, and no BOM may contain itself through any path. Last writer wins by business time.
import type { Queryable } from '../db/db.ts';
import { asJson, EventRejected, isNewer, latestPerKey, type Projector } from '../events/projectors.ts';
import type { StoredEvent } from '../events/envelope.ts';
import type { BomReplaced } from './schemas.ts';
import { findCycle, type BomEdges } from './bom-graph.ts';

async function currentVersions(tx: Queryable, parents: string[]): Promise<Map<string, { occurredAt: string; id: string }>> {
	const r = await tx.query<{ parent_item_id: string; version_at: Date | string; version_id: string }>(
		'select parent_item_id, version_at, version_id from boms where parent_item_id = any($1::text[])',
		[parents]
	);
	return new Map(r.rows.map((x) => [x.parent_item_id, { occurredAt: new Date(x.version_at).toISOString(), id: x.version_id }]));
}

/** The events of this batch that will change state: the latest per parent, and newer than what is stored. */
async function winners(tx: Queryable, events: StoredEvent<BomReplaced>[]): Promise<StoredEvent<BomReplaced>[]> {
	const latest = latestPerKey(events, (e) => e.data.parentItemId);
	const stored = await currentVersions(tx, latest.map((e) => e.data.parentItemId));
	return latest.filter((e) => {
		const cur = stored.get(e.data.parentItemId);
		return !cur || isNewer(e, cur);
	});
}

export const bomReplaced: Projector<BomReplaced> = {
	type: 'bom.replaced',

	async guard(tx, events) {
		const changes = await winners(tx, events);
		if (!changes.length) return;
		const names = new Set(changes.flatMap((e) => [e.data.parentItemId, ...e.data.lines.map((l) => l.childItemId)]));
		const known = new Set(
			(await tx.query<{ item_id: string }>('select item_id from items where item_id = any($1::text[])', [[...names]])).rows.map((r) => r.item_id)
		);
		for (const e of changes) {
			if (!known.has(e.data.parentItemId)) {
				throw new EventRejected('ERR_BOM_UNKNOWN_ITEM', e.id, 'data.parentItemId', `unknown item "${e.data.parentItemId}"`, { itemId: e.data.parentItemId });
			}
			const i = e.data.lines.findIndex((l) => !known.has(l.childItemId));
			if (i >= 0) {
				throw new EventRejected('ERR_BOM_UNKNOWN_ITEM', e.id, `data.lines.${i}.childItemId`, `unknown item "${e.data.lines[i].childItemId}"`, { itemId: e.data.lines[i].childItemId });
			}
		}
		const edges: BomEdges = new Map();
		for (const r of (await tx.query<{ parent_item_id: string; child_item_id: string }>('select parent_item_id, child_item_id from bom_lines')).rows) {
			const list = edges.get(r.parent_item_id) ?? [];
			list.push(r.child_item_id);
			edges.set(r.parent_item_id, list);
		}
		for (const e of changes) {
			const children = e.data.lines.map((l) => l.childItemId);
			const cycle = findCycle(edges, e.data.parentItemId, children);
			if (cycle) {
				const i = children.indexOf(cycle[1]);
				throw new EventRejected('ERR_BOM_CYCLE', e.id, `data.lines.${i}.childItemId`, `BOM cycle: ${cycle.join(' → ')}`, { cycle: cycle.join(' → ') });
			}
			edges.set(e.data.parentItemId, children);
		}
	},

	async apply(tx, events) {
		const changes = await winners(tx, events);
		if (!changes.length) return;
		const parents = changes.map((e) => e.data.parentItemId);
		await tx.query('delete from bom_lines where parent_item_id = any($1::text[])', [parents]);
		await tx.query(
			`insert into boms (parent_item_id, version_at, version_id)
			select parent, at, id from jsonb_to_recordset($1::jsonb) as x(parent text, at timestamptz, id uuid)
			on conflict (parent_item_id) do update set version_at = excluded.version_at, version_id = excluded.version_id`,
			[asJson(changes.map((e) => ({ parent: e.data.parentItemId, at: e.occurredAt, id: e.id })))]
		);
		const lines = changes.flatMap((e) =>
			e.data.lines.map((l, i) => ({ parent: e.data.parentItemId, line_no: i + 1, child: l.childItemId, qty: l.qtyPer, scrap: l.scrapPct ?? 0 }))
		);
		if (lines.length) {
			await tx.query(
				`insert into bom_lines (parent_item_id, line_no, child_item_id, qty_per, scrap_pct)
				select parent, line_no, child, qty, scrap from jsonb_to_recordset($1::jsonb)
				as x(parent text, line_no int, child text, qty numeric, scrap numeric)`,
				[asJson(lines)]
			);
		}
	}
};
