// Loads the demo plant through the real commands, each as the demo user whose work it is (the
// administrator defines fields and rules, the planner items and routings, the buyer suppliers and
// their terms, each salesperson the customers of their department, the warehouse the opening stock),
// so every rule of the system applies and the event log reads like a real factory's. Commands run in
// batches, one transaction each (executeAll; the records of a phase never depend on each other, so
// each batch is appended at once): fast, and short enough that /healthz and pages stay responsive on
// the embedded database. Planning categories come last, so no planned order is firmed
// automatically before the opening stock is in.
import { execute, executeAll, systemActor, type Actor, type Step } from '../../server/commands/command.ts';
import type { Command } from '../../server/commands/command.ts';
import type { Runtime } from '../../server/runtime.ts';
import type { Role } from '../../server/auth/roles.ts';
import { createUser } from '../../server/auth/user-commands.ts';
import { defineCustomField } from '../../server/masterdata/custom-fields.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../server/masterdata/commands.ts';
import { saveApprovalRule, saveSupplierItem } from '../../server/purchasing/commands.ts';
import { replaceRouting, saveWorkCenter } from '../../server/production/commands.ts';
import { saveReasonCode } from '../../server/sales/reason-codes.ts';
import { adjustStock } from '../../server/inventory/commands.ts';
import { savePlanningCategory } from '../../server/planning/linkage.commands.ts';
import { DEFAULT_LOCATION } from '../../server/inventory/schemas.ts';
import { DEMO_PASSWORD, type DemoAccount } from '../../server/demo/state.ts';
import type { DemoUser, Plant } from './types.ts';
import { yieldToEventLoop } from '../sim/context.ts';

/** Where the demo's events say they came from. */
export const DEMO_SOURCE = 'demo';

export interface LoadPlantOptions {
	/** Business time of the master data (default: the runtime's clock); later phases follow minutes apart. */
	at?: Date;
	/** Commands per transaction (default 25). */
	batchSize?: number;
	/** Told once the users exist (before the rest is loaded): the demo accounts created. */
	onAccounts?: (accounts: DemoAccount[]) => void | Promise<void>;
	/** Told after each transaction: commands done of the total, and the phase. */
	onProgress?: (done: number, total: number, phase: string) => void | Promise<void>;
}

export interface LoadPlantResult {
	/** Demo accounts created (an existing username, e.g. an administrator from LIANDONG_ADMIN_PASSWORD, is left as it is). */
	accounts: DemoAccount[];
	commands: number;
	ms: number;
}

interface Phase {
	name: string;
	actor: Actor;
	steps: Step[];
}

const step = <I>(command: Command<I, unknown>, input: I): Step => ({ command: command as Command<unknown, unknown>, input });

/** A runtime whose clock stands at `at`: the commands stamp their events with it. */
function at(rt: Runtime, when: Date): Runtime {
	return { ...rt, clock: { now: () => when } };
}

function userActor(u: { id: string; username: string; roles: readonly string[]; department: string | null }): Actor {
	return { kind: 'user', id: u.id, name: `user:${u.username}`, roles: u.roles, department: u.department };
}

async function existingUsers(rt: Runtime): Promise<Map<string, { id: string; username: string; roles: string[]; department: string | null }>> {
	const r = await rt.db.query<{ id: string; username: string; roles: string[]; department: string | null }>('select id, username, roles, department from users');
	return new Map(r.rows.map((u) => [u.username, u]));
}

/** The administrator first (as the system, like the setup page), then everyone else by the administrator. */
async function createUsers(rt: Runtime, users: DemoUser[]): Promise<{ actors: Map<string, Actor>; accounts: DemoAccount[] }> {
	const existing = await existingUsers(rt);
	const input = (u: DemoUser) => ({ username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, roles: u.roles, ...(u.department ? { department: u.department } : {}), locale: 'zh-CN' as const });
	const fresh = users.filter((u) => !existing.has(u.username));
	const admin = users.find((u) => u.roles.includes('admin'));
	if (!admin) throw new Error('the demo needs an administrator');
	if (!existing.has(admin.username)) {
		await execute(rt, createUser, input(admin), systemActor, DEMO_SOURCE);
	}
	const all = await existingUsers(rt);
	const adminActor = userActor(all.get(admin.username)!);
	const rest = fresh.filter((u) => u !== admin);
	if (rest.length) await executeAll(rt, rest.map((u) => step(createUser, input(u))), adminActor, DEMO_SOURCE);
	const now = await existingUsers(rt);
	const actors = new Map(users.map((u) => [u.username, userActor(now.get(u.username)!)]));
	const accounts = fresh.map((u) => ({ username: u.username, displayName: u.displayName, roles: u.roles, ...(u.department ? { department: u.department } : {}), title: u.title }));
	return { actors, accounts };
}

function phases(plant: Plant, actorOf: (role: Role, department?: string) => Actor): Phase[] {
	const admin = actorOf('admin');
	const planner = actorOf('planner');
	const buyer = actorOf('purchasing');
	const dept = (id: string) => plant.customers.find((c) => c.customerId === id)?.custom?.sales_department as string | undefined;
	return [
		{ name: 'custom_fields', actor: admin, steps: plant.customFields.map((f) => step(defineCustomField, f)) },
		{ name: 'reason_codes', actor: actorOf('manager'), steps: plant.reasonCodes.map((r) => step(saveReasonCode, r)) },
		{ name: 'approval_rules', actor: admin, steps: plant.approvalRules.map((r) => step(saveApprovalRule, r)) },
		{ name: 'work_centers', actor: planner, steps: plant.workCenters.map((w) => step(saveWorkCenter, w)) },
		{ name: 'items', actor: planner, steps: plant.items.map((i) => step(saveItem, i)) },
		{ name: 'boms', actor: planner, steps: plant.boms.map((b) => step(replaceBom, b)) },
		{ name: 'routings', actor: planner, steps: plant.routings.map((r) => step(replaceRouting, r)) },
		{ name: 'suppliers', actor: buyer, steps: plant.suppliers.map((s) => step(saveSupplier, s)) },
		{ name: 'supplier_items', actor: buyer, steps: plant.supplierItems.map((s) => step(saveSupplierItem, s)) },
		...(['OEM', 'AM'] as const).map((d) => ({
			name: `customers_${d}`,
			actor: actorOf('sales', d),
			steps: plant.customers.filter((c) => (dept(c.customerId) ?? 'OEM') === d).map((c) => step(saveCustomer, c))
		})),
		{
			name: 'opening_stock',
			actor: actorOf('warehouse'),
			steps: plant.openingStock.map((s) =>
				step(adjustStock, { itemId: s.itemId, locationId: DEFAULT_LOCATION, qty: s.qty, unitCost: s.unitCost, reasonCode: 'OPENING', note: '期初库存 / opening balance' })
			)
		},
		{ name: 'planning_categories', actor: planner, steps: plant.planningCategories.map((c) => step(savePlanningCategory, c)) }
	];
}

/** Loads `plant` into an empty installation (or one with only users); refuses nothing silently: a refused command throws. */
export async function loadPlant(rt: Runtime, plant: Plant, opts: LoadPlantOptions = {}): Promise<LoadPlantResult> {
	const started = performance.now();
	const base = opts.at ?? rt.clock.now();
	const size = opts.batchSize ?? 25;

	// One plan after the load (when planning is automatic), not one after every few batches.
	const releasePlanning = rt.planning.hold();
	try {
		return await load(rt, plant, base, size, opts, started);
	} finally {
		releasePlanning();
	}
}

async function load(rt: Runtime, plant: Plant, base: Date, size: number, opts: LoadPlantOptions, started: number): Promise<LoadPlantResult> {
	const minute = 60_000;
	const { actors, accounts } = await createUsers(at(rt, base), plant.users);
	await opts.onAccounts?.(accounts);
	const actorOf = (role: Role, department?: string): Actor => {
		const u = plant.users.find((x) => x.roles.includes(role) && (department === undefined || x.department === department));
		if (!u) throw new Error(`the demo plant has no ${role} user${department ? ` in ${department}` : ''}`);
		return actors.get(u.username)!;
	};
	const list = phases(plant, actorOf);
	const total = list.reduce((s, p) => s + p.steps.length, 0);
	let done = 0;
	for (const [i, phase] of list.entries()) {
		const stamped = at(rt, new Date(base.getTime() + (i + 1) * 2 * minute));
		for (let from = 0; from < phase.steps.length; from += size) {
			const batch = phase.steps.slice(from, from + size);
			try {
				await executeAll(stamped, batch, phase.actor, DEMO_SOURCE, { independent: true });
			} catch (err) {
				throw new Error(`loading the demo plant failed in ${phase.name} (commands ${from + 1}–${from + batch.length}): ${describe(err)}`, { cause: err });
			}
			done += batch.length;
			await opts.onProgress?.(done, total, phase.name);
			await yieldToEventLoop();
		}
	}
	return { accounts, commands: total + plant.users.length, ms: Math.round(performance.now() - started) };
}

function describe(err: unknown): string {
	if (!(err instanceof Error)) return String(err);
	const issues = (err as { details?: { issues?: { index: number; path: string; message: string }[] } }).details?.issues;
	return issues?.length ? `${err.message}: ${issues.map((i) => `#${i.index} ${i.path} ${i.message}`).join('; ')}` : err.message;
}
