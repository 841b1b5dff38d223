import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { partnerListQuery, saveCustomer, saveSupplier } from '../../../server/masterdata/commands.ts';
import { getPartner, getPartnerRecord, listCustomers } from '../../../server/masterdata/partner-queries.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	// Customers whose codes and names test search, sorting and paging.
	await append([
		ev.customer({ customerId: 'PQ-C1', name: '杭州 Alpha' }),
		ev.customer({ customerId: 'PQ-C2', name: 'Beta 100% Ltd' }),
		ev.customer({ customerId: 'PQ-C3', name: 'Gamma' }),
		ev.customer({ customerId: 'PQ_X', name: 'Delta' })
	]);
});
afterAll(async () => t?.close());

const sales: Actor = { kind: 'user', id: 'u1', name: 'user:wang.sales', roles: ['sales'] };
const buyer: Actor = { kind: 'user', id: 'u2', name: 'user:zhou.buyer', roles: ['purchasing'] };

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

const query = (q: Record<string, unknown> = {}) => partnerListQuery.parse(q);

describe(`customer and supplier queries (${backendLabel})`, () => {
	it('finds customers by code or name, taking wildcards in the search literally', async () => {
		const byName = await listCustomers(t.rt.db, query({ q: 'beta' }));
		expect(byName.customers.map((c) => c.id)).toEqual(['PQ-C2']);
		expect((await listCustomers(t.rt.db, query({ q: '100%' }))).customers.map((c) => c.id)).toEqual(['PQ-C2']);
		// "_" is a character here, not "any one character"
		expect((await listCustomers(t.rt.db, query({ q: 'PQ_' }))).customers.map((c) => c.id)).toEqual(['PQ_X']);
		expect((await listCustomers(t.rt.db, query({ q: '杭州' }))).customers.map((c) => c.name)).toEqual(['杭州 Alpha']);
	});

	it('sorts by name either way and pages with the total of all matches', async () => {
		const desc = await listCustomers(t.rt.db, query({ q: 'PQ', sort: 'name', dir: 'desc' }));
		expect(desc.customers.map((c) => c.name)).toEqual(['杭州 Alpha', 'Gamma', 'Delta', 'Beta 100% Ltd']);
		const page2 = await listCustomers(t.rt.db, query({ q: 'PQ', sort: 'id', pageSize: 3, page: 2 }));
		expect(page2).toMatchObject({ total: 4, customers: [{ id: 'PQ_X' }] });
		const beyond = await listCustomers(t.rt.db, query({ q: 'PQ', pageSize: 3, page: 5 }));
		expect(beyond).toEqual({ customers: [], total: 4 });
	});

	it("shows a customer's history newest first, with who saved it and from where", async () => {
		await execute(t.rt, saveCustomer, { customerId: 'PQ-HIST', name: '宁波机械' }, sales, 'ui');
		await execute(t.rt, saveCustomer, { customerId: 'PQ-HIST', name: '宁波机械有限公司' }, sales, 'api');
		const d = await getPartner(t.rt.db, 'customer', 'PQ-HIST');
		expect(d?.partner).toMatchObject({ id: 'PQ-HIST', name: '宁波机械有限公司', custom: {} });
		expect(d?.history.map((e) => [e.type, e.data.name, e.actor, e.source])).toEqual([
			['customer.upserted', '宁波机械有限公司', 'user:wang.sales', 'api'],
			['customer.upserted', '宁波机械', 'user:wang.sales', 'ui']
		]);
	});

	it('keeps customers and suppliers apart, even under the same code', async () => {
		await execute(t.rt, saveSupplier, { supplierId: 'PQ-SAME', name: 'Supplier side' }, buyer);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'PQ-SAME')).toBeNull();
		await execute(t.rt, saveCustomer, { customerId: 'PQ-SAME', name: 'Customer side' }, sales);
		const supplier = await getPartner(t.rt.db, 'supplier', 'PQ-SAME');
		const customer = await getPartner(t.rt.db, 'customer', 'PQ-SAME');
		expect([supplier?.partner.name, customer?.partner.name]).toEqual(['Supplier side', 'Customer side']);
		expect(supplier?.history.map((e) => e.type)).toEqual(['supplier.upserted']);
		expect(customer?.history.map((e) => e.type)).toEqual(['customer.upserted']);
		expect(await getPartner(t.rt.db, 'supplier', 'PQ-NONE')).toBeNull();
	});

	it('refuses a bad customer naming the field, and a role that may not save suppliers, writing nothing', async () => {
		const before = (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
		const bad = await execute(t.rt, saveCustomer, { customerId: 'PQ-BAD', name: '   ' }, sales).catch((e) => e);
		expect(bad).toBeInstanceOf(AppError);
		expect((bad as AppError).details.issues).toEqual([expect.objectContaining({ path: 'name' })]);
		const denied = await execute(t.rt, saveSupplier, { supplierId: 'PQ-NOPE', name: 'x' }, sales).catch((e) => e);
		expect((denied as AppError).code).toBe('ERR_FORBIDDEN');
		expect((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n).toBe(before);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'PQ-BAD')).toBeNull();
	});
});
