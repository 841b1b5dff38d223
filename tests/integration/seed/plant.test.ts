import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { buildPlant, loadPlant, type BuiltPlant, type LoadPlantResult } from '../../../seed/plant/index.ts';
import { checkPassword } from '../../../server/auth/users.ts';
import { DEMO_PASSWORD } from '../../../server/demo/state.ts';
import { autoLinkAfterPlan } from '../../../server/planning/linkage-auto.ts';

let t: TestRuntime;
let plant: BuiltPlant;
let loaded: LoadPlantResult;
const at = new Date(Date.now() - 91 * 86_400_000);

beforeAll(async () => {
	t = await openTestRuntime();
	plant = buildPlant(1);
	loaded = await loadPlant(t.rt, plant, { at });
	console.log(`${backendLabel}: demo plant loaded in ${loaded.ms} ms (${loaded.commands} commands)`);
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`, params)).rows[0].n);

/** Rows of a projection as one comparable string. */
async function snapshot(table: string, order: string, columns = '*'): Promise<string> {
	const r = await t.rt.db.query(`select ${columns} from ${table} order by ${order}`);
	return JSON.stringify(r.rows);
}

describe(`loading the demo plant (${backendLabel})`, () => {
	it('creates every record through the commands', async () => {
		expect(await count('select count(*) from items')).toBe(plant.items.length);
		expect(await count(`select count(*) from items where kind = 'product'`)).toBe(30);
		expect(await count('select count(*) from boms')).toBe(plant.boms.length);
		expect(await count('select count(*) from routings')).toBe(plant.routings.length);
		expect(await count('select count(*) from work_centers')).toBe(plant.workCenters.length);
		expect(await count('select count(*) from suppliers')).toBe(15);
		expect(await count('select count(*) from supplier_items')).toBe(plant.supplierItems.length);
		expect(await count('select count(*) from customers')).toBe(40);
		expect(await count(`select count(*) from customers where custom->>'sales_department' = 'OEM'`)).toBe(15);
		expect(await count('select count(*) from users')).toBe(plant.users.length);
		expect(await count('select count(*) from custom_fields')).toBe(plant.customFields.length);
		expect(await count('select count(*) from planning_categories')).toBe(plant.planningCategories.length);
		expect(await count(`select count(*) from approval_rules where rule_id = any($1::text[])`, [plant.approvalRules.map((r) => r.ruleId)])).toBe(plant.approvalRules.length);
		expect(await count(`select count(*) from reason_codes where code = any($1::text[])`, [plant.reasonCodes.map((r) => r.code)])).toBe(plant.reasonCodes.length);
		expect(await count(`select count(*) from stock where location_id = 'MAIN' and on_hand > 0`)).toBe(plant.openingStock.length);
		expect(loaded.accounts.map((a) => a.username)).toEqual(plant.users.map((u) => u.username));
	});

	it('obeys the structure: BOMs of three or four levels, a routing for every made item, a supplier for every bought one', async () => {
		const depth = await count(
			`with recursive walk(root, item, level) as (
				select item_id, item_id, 1 from items where kind = 'product'
				union all
				select w.root, l.child_item_id, w.level + 1 from walk w join bom_lines l on l.parent_item_id = w.item
			)
			select max(level) from walk`
		);
		expect(depth).toBe(4);
		expect(await count(`select count(*) from items i where make_or_buy = 'make' and not exists (select 1 from routings r where r.item_id = i.item_id and jsonb_array_length(r.operations) > 0)`)).toBe(0);
		expect(await count(`select count(*) from items i where make_or_buy = 'make' and not exists (select 1 from bom_lines l where l.parent_item_id = i.item_id)`)).toBe(0);
		expect(await count(`select count(*) from items i where make_or_buy = 'buy' and not exists (select 1 from supplier_items s where s.item_id = i.item_id)`)).toBe(0);
	});

	it('records each command as the demo user whose work it is, at the business time given', async () => {
		const r = await t.rt.db.query<{ type: string; actors: string[]; first: Date | string; last: Date | string }>(
			`select type, array_agg(distinct actor order by actor) as actors, min(occurred_at) as first, max(occurred_at) as last from events group by type order by type`
		);
		const actors = Object.fromEntries(r.rows.map((x) => [x.type, x.actors]));
		expect(actors['item.upserted']).toEqual(['user:wang.fang']);
		expect(actors['routing.replaced']).toEqual(['user:wang.fang']);
		expect(actors['supplier_item.upserted']).toEqual(['user:zhang.wei']);
		expect(actors['customer.upserted']).toEqual(['user:li.na', 'user:liu.yang']);
		expect(actors['stock.adjusted']).toEqual(['user:zhou.min']);
		expect(actors['approval_rule.upserted']).toEqual(['user:admin']);
		expect(actors['user.created']).toEqual(['system', 'user:admin']);
		for (const x of r.rows) {
			expect(new Date(x.first).getTime(), x.type).toBeGreaterThanOrEqual(at.getTime());
			expect(new Date(x.last).getTime(), x.type).toBeLessThan(at.getTime() + 3600_000);
		}
		// Every customer of the OEM department was entered by the OEM salesperson.
		const oem = await t.rt.db.query<{ actor: string }>(`select distinct actor from events where type = 'customer.upserted' and data->'custom'->>'sales_department' = 'OEM'`);
		expect(oem.rows.map((x) => x.actor)).toEqual(['user:li.na']);
	});

	it('lets every demo user sign in with the demo password', async () => {
		for (const u of plant.users) {
			const user = await checkPassword(t.rt.db, u.username, DEMO_PASSWORD);
			expect(user?.roles, u.username).toEqual(u.roles);
			expect(user?.department ?? undefined, u.username).toBe(u.department);
		}
	});

	it('plans nothing to firm right after the load: opening stock covers every safety stock', async () => {
		const run = await t.rt.planning.regenerate('test');
		expect(run.outcome).toBe('stored');
		expect(run.items).toBe(plant.items.length);
		expect(run.plannedOrders).toBe(0);
		const linked = await autoLinkAfterPlan(t.rt);
		expect(linked.firmed).toEqual([]);
		expect(await count('select count(*) from requisitions')).toBe(0);
		expect(await count('select count(*) from production_orders')).toBe(0);
	});

	it('gives the same projections when rebuilt from its event log', async () => {
		const tables: [string, string, string?][] = [
			['items', 'item_id', 'item_id, name, kind, unit_cost::float8, lead_time_days::float8, safety_stock::float8, lot_sizing, category, backflush, allow_negative, custom'],
			['bom_lines', 'parent_item_id, line_no', 'parent_item_id, line_no, child_item_id, qty_per::float8, scrap_pct::float8'],
			['routings', 'item_id', 'item_id, operations'],
			['supplier_items', 'supplier_id, item_id', 'supplier_id, item_id, price::float8, lead_time_days::float8, moq::float8, order_multiple::float8'],
			['stock', 'item_id, location_id', 'item_id, location_id, on_hand::float8'],
			['customers', 'customer_id', 'customer_id, name, custom'],
			['planning_categories', 'category nulls first']
		];
		const before = await Promise.all(tables.map(([table, order, cols]) => snapshot(table, order, cols)));
		await t.rt.rebuildProjections();
		const after = await Promise.all(tables.map(([table, order, cols]) => snapshot(table, order, cols)));
		for (const [i, [table]] of tables.entries()) expect(after[i], table).toBe(before[i]);
	});

	it('stops at a refused command, names it, and keeps nothing of its batch', async () => {
		const broken: BuiltPlant = {
			...plant,
			customFields: [],
			reasonCodes: [],
			approvalRules: [],
			workCenters: [],
			items: [],
			routings: [],
			suppliers: [],
			supplierItems: [],
			customers: [],
			openingStock: [],
			planningCategories: [],
			boms: [
				{ parentItemId: 'BD-201', lines: [{ childItemId: 'M-OIL-AR', qtyPer: 1 }] },
				{ parentItemId: 'BD-202', lines: [{ childItemId: 'NO-SUCH-PART', qtyPer: 1 }] }
			]
		};
		const events = await count('select count(*) from events');
		await expect(loadPlant(t.rt, broken)).rejects.toThrow(/boms \(commands 1–2\).*#1 lines\.0\.childItemId.*NO-SUCH-PART/);
		expect(await count('select count(*) from events')).toBe(events);
		expect(await count(`select count(*) from bom_lines where parent_item_id = 'BD-201'`)).toBe(plant.boms.find((b) => b.parentItemId === 'BD-201')!.lines.length);
	});
});
