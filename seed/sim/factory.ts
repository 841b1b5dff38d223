// The factory as the simulator knows it: master data, the people who work there and the reason codes
// they use, read once at start through the capabilities' own read functions (the pages and the API read
// the same). What moves — orders, stock, progress — is read again at each sweep (sweeps.ts).
import type { Queryable } from '../../server/db/db.ts';
import type { Actor } from '../../server/commands/command.ts';
import type { ShiftCalendar } from '../../server/planning/capacity.ts';
import { listItems } from '../../server/masterdata/queries.ts';
import { listCustomers } from '../../server/masterdata/partner-queries.ts';
import { loadBom } from '../../server/planning/inputs.queries.ts';
import { listWorkCenters } from '../../server/production/work-center.queries.ts';
import { recordHistory } from '../../server/production/record-history.queries.ts';
import { listSupplierItems, listSuppliers } from '../../server/purchasing/queries.ts';
import { listUsers } from '../../server/auth/user.queries.ts';
import { listReasonCodes } from '../../server/shared/reason-codes.ts';
import { listCustomFields, type FieldRow } from '../../server/masterdata/custom-field.queries.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { Interval } from './worktime.ts';

export interface SimItem {
	itemId: string;
	name: string;
	kind: 'product' | 'semi' | 'material';
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	unitCost: number;
	category: string | null;
	backflush: string | null;
}

export interface SimBomLine {
	child: string;
	qty: number;
	scrapPct: number;
}

export interface SimWorkCenter {
	workCenterId: string;
	department: string | null;
	calendar: ShiftCalendar;
}

export interface SimCustomer {
	customerId: string;
	custom: Record<string, unknown>;
}

export interface SupplierTerm {
	supplierId: string;
	price: number;
	leadTimeDays: number;
}

export interface SimUser {
	username: string;
	roles: string[];
	department: string | null;
}

export interface SimFactory {
	items: Map<string, SimItem>;
	/** Finished products that are made: what customers order. */
	products: SimItem[];
	/** Components of made items (the planning's view: bought items are not exploded). */
	bom: Map<string, SimBomLine[]>;
	workCenters: Map<string, SimWorkCenter>;
	customers: SimCustomer[];
	/** Terms per bought item, cheapest first. */
	terms: Map<string, SupplierTerm[]>;
	/** Active users by role, by username. */
	users: Map<Role, SimUser[]>;
	/** Active reason codes per list. */
	reasons: Map<string, string[]>;
	/** Stops of each work centre known at start (from its history): progress excludes them. */
	downtime: Map<string, Interval[]>;
	/** Active no-code fields per entity (sales_order, purchase_order…). */
	customFields: Map<string, FieldRow[]>;
}

/** Every page of a paged read. */
async function allPages<T>(read: (page: number) => Promise<{ rows: T[]; total: number }>): Promise<T[]> {
	const out: T[] = [];
	for (let page = 1; ; page++) {
		const { rows, total } = await read(page);
		out.push(...rows);
		if (!rows.length || out.length >= total) return out;
	}
}

/** The stops in a work centre's history: from each status other than up to the next change. */
function stopsOf(history: { type: string; occurredAt: string; data: Record<string, unknown> }[]): Interval[] {
	const changes = history
		.filter((e) => e.type === 'work_center.status_changed')
		.map((e) => ({ at: Date.parse(e.occurredAt), up: e.data.status === 'up' }))
		.sort((a, b) => a.at - b.at);
	const out: Interval[] = [];
	let downAt: number | null = null;
	for (const c of changes) {
		if (!c.up && downAt === null) downAt = c.at;
		if (c.up && downAt !== null) {
			out.push([downAt, c.at]);
			downAt = null;
		}
	}
	if (downAt !== null) out.push([downAt, Number.MAX_SAFE_INTEGER]);
	return out;
}

export async function loadFactory(q: Queryable): Promise<SimFactory> {
	const itemRows = await allPages(async (page) => {
		const r = await listItems(q, { sort: 'itemId', dir: 'asc', page, pageSize: 200 });
		return { rows: r.items, total: r.total };
	});
	const items = new Map<string, SimItem>(
		itemRows.map((i) => [
			i.itemId,
			{ itemId: i.itemId, name: i.name, kind: i.kind, makeOrBuy: i.makeOrBuy, leadTimeDays: i.leadTimeDays, unitCost: i.unitCost, category: i.category, backflush: i.backflush }
		])
	);
	const bom = new Map<string, SimBomLine[]>();
	for (const l of await loadBom(q)) bom.set(l.parent, [...(bom.get(l.parent) ?? []), { child: l.child, qty: l.qty, scrapPct: l.scrapPct ?? 0 }]);

	const workCenters = new Map<string, SimWorkCenter>();
	const downtime = new Map<string, Interval[]>();
	for (const w of await listWorkCenters(q, {})) {
		workCenters.set(w.workCenterId, { workCenterId: w.workCenterId, department: w.department, calendar: w.calendar });
		downtime.set(w.workCenterId, stopsOf(await recordHistory(q, 'workCenter', w.workCenterId)));
	}

	const customers = await allPages(async (page) => {
		const r = await listCustomers(q, { sort: 'id', dir: 'asc', page, pageSize: 200 });
		return { rows: r.customers.map((c) => ({ customerId: c.id, custom: c.custom })), total: r.total };
	});

	const suppliers = await allPages(async (page) => {
		const r = await listSuppliers(q, { sort: 'id', dir: 'asc', page, pageSize: 200 });
		return { rows: r.suppliers, total: r.total };
	});
	const terms = new Map<string, SupplierTerm[]>();
	for (const s of suppliers) {
		for (const t of await listSupplierItems(q, s.supplierId)) {
			terms.set(t.itemId, [...(terms.get(t.itemId) ?? []), { supplierId: s.supplierId, price: t.price, leadTimeDays: t.leadTimeDays }]);
		}
	}
	for (const list of terms.values()) list.sort((a, b) => a.price - b.price || a.leadTimeDays - b.leadTimeDays || (a.supplierId < b.supplierId ? -1 : 1));

	const users = new Map<Role, SimUser[]>();
	for (const u of await listUsers(q)) {
		if (u.disabledAt) continue;
		for (const role of u.roles as Role[]) users.set(role, [...(users.get(role) ?? []), { username: u.username, roles: u.roles, department: u.department }]);
	}

	const reasons = new Map<string, string[]>();
	for (const r of await listReasonCodes(q)) if (r.active) reasons.set(r.list, [...(reasons.get(r.list) ?? []), r.code]);

	const customFields = new Map<string, FieldRow[]>();
	for (const d of await listCustomFields(q)) if (d.active) customFields.set(d.entity, [...(customFields.get(d.entity) ?? []), d]);

	const products = [...items.values()].filter((i) => i.kind === 'product' && i.makeOrBuy === 'make');
	return { items, products, bom, workCenters, customers, terms, users, reasons, downtime, customFields };
}

/** A user as the actor of their commands: the event log records "user:<username>". */
export function userActor(u: SimUser): Actor {
	return { kind: 'user', id: u.username, name: `user:${u.username}`, roles: u.roles, department: u.department };
}
