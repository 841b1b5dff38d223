import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { partnerListQuery, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { getPartner, getPartnerRecord, listCustomers } from '../../../server/masterdata/partner-queries.ts';
import { customFields, defineCustomField } from '../../../server/masterdata/custom-fields.ts';
import { parseCustomFilters } from '../../../server/shared/custom-filter.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { listSuppliers, supplierListQuery } from '../../../server/purchasing/queries.ts';
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
const admin: Actor = { kind: 'user', id: 'u3', name: 'user:admin', roles: ['admin'] };

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

const field = (entity: string, key: string, type: string, more: Record<string, unknown> = {}) => ({
	entity,
	key,
	labels: { 'zh-CN': key, en: key },
	type,
	required: false,
	...more
});

/** The custom-field filters of a list URL's parameters, checked against the entity's active fields. */
async function customFilters(entity: 'customer' | 'supplier', params: Record<string, string>) {
	const { filters, issues } = parseCustomFilters(Object.entries(params), await customFields(t.rt.db, entity));
	expect(issues).toEqual([]);
	return filters;
}

describe(`customers and suppliers by their custom values (${backendLabel})`, () => {
	beforeAll(async () => {
		await execute(t.rt, defineCustomField, field('customer', 'region', 'choice', { choices: ['east', 'north'] }), admin);
		await execute(t.rt, defineCustomField, field('customer', 'tax_no', 'text'), admin);
		await execute(t.rt, defineCustomField, field('supplier', 'rating', 'number'), admin);
		await execute(t.rt, defineCustomField, field('supplier', 'audited_on', 'date'), admin);
		await execute(t.rt, saveCustomer, { customerId: 'CV-1', name: 'East One', custom: { region: 'east', tax_no: 'T-100' } }, sales);
		await execute(t.rt, saveCustomer, { customerId: 'CV-2', name: 'North Two', custom: { region: 'north', tax_no: 't-100' } }, sales);
		await execute(t.rt, saveCustomer, { customerId: 'CV-3', name: 'East Three', custom: { region: 'east' } }, sales);
		await execute(t.rt, saveSupplier, { supplierId: 'SV-1', name: 'Good', custom: { rating: 4.5, audited_on: '2026-03-01' } }, buyer);
		await execute(t.rt, saveSupplier, { supplierId: 'SV-2', name: 'Fair', custom: { rating: 3 } }, buyer);
		await execute(t.rt, saveSupplier, { supplierId: 'SV-3', name: 'Unrated' }, buyer);
		const item = { itemId: 'SV-STEEL', name: 'Steel', kind: 'material', uom: 'kg', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 };
		await execute(t.rt, saveItem, item, admin);
		for (const supplierId of ['SV-1', 'SV-3']) await execute(t.rt, saveSupplierItem, { supplierId, itemId: 'SV-STEEL', price: 2, leadTimeDays: 5 }, buyer);
	});

	const customerIds = async (params: Record<string, string>, q: Record<string, unknown> = {}) => {
		const { customers, total } = await listCustomers(t.rt.db, query({ q: 'CV-', ...q }), await customFilters('customer', params));
		expect(total).toBe(customers.length);
		return customers.map((c) => c.id);
	};
	const supplierIds = async (params: Record<string, string>, q: Record<string, unknown> = {}) => {
		const { suppliers, total } = await listSuppliers(t.rt.db, supplierListQuery.parse({ q: 'SV-', ...q }), await customFilters('supplier', params));
		expect(total).toBe(suppliers.length);
		return suppliers.map((s) => s.supplierId);
	};

	it('lists customers with their custom values, filtered by a choice or an exact text', async () => {
		const { customers } = await listCustomers(t.rt.db, query({ q: 'CV-1' }));
		expect(customers).toMatchObject([{ id: 'CV-1', custom: { region: 'east', tax_no: 'T-100' } }]);
		expect(await customerIds({ 'custom.region': 'east' })).toEqual(['CV-1', 'CV-3']);
		expect(await customerIds({ 'custom.tax_no': 'T-100' })).toEqual(['CV-1']);
		expect(await customerIds({ 'custom.region': 'east' }, { q: 'Three' })).toEqual(['CV-3']);
	});

	it('filters suppliers by number and date ranges, together with the item they offer', async () => {
		expect(await supplierIds({ 'custom.rating.from': '3' })).toEqual(['SV-1', 'SV-2']);
		expect(await supplierIds({ 'custom.rating.to': '4' })).toEqual(['SV-2']);
		expect(await supplierIds({ 'custom.audited_on.from': '2026-01-01', 'custom.audited_on.to': '2026-12-31' })).toEqual(['SV-1']);
		expect(await supplierIds({ 'custom.rating.from': '1' }, { item: 'SV-STEEL' })).toEqual(['SV-1']);
		const { suppliers } = await listSuppliers(t.rt.db, supplierListQuery.parse({ q: 'SV-1' }));
		expect(suppliers).toMatchObject([{ supplierId: 'SV-1', items: 1, custom: { rating: 4.5, audited_on: '2026-03-01' } }]);
	});

	it('names a filter on a field customers do not have', async () => {
		const { issues } = parseCustomFilters([['custom.rating', '3']], await customFields(t.rt.db, 'customer'));
		expect(issues).toEqual([expect.objectContaining({ path: 'custom.rating', message: 'is not a defined field' })]);
	});

	it("replaces a customer's values of active fields on save, and keeps those of a retired field", async () => {
		await execute(t.rt, saveCustomer, { customerId: 'CV-KEEP', name: 'Keep', custom: { region: 'east', tax_no: 'T-9' } }, sales);
		await execute(t.rt, defineCustomField, field('customer', 'tax_no', 'text', { active: false }), admin);
		await execute(t.rt, saveCustomer, { customerId: 'CV-KEEP', name: 'Kept', custom: { region: 'north' } }, sales);
		expect((await getPartnerRecord(t.rt.db, 'customer', 'CV-KEEP'))?.custom).toEqual({ region: 'north', tax_no: 'T-9' });
		// An active field left out is cleared: the save names every active field's value.
		await execute(t.rt, saveCustomer, { customerId: 'CV-KEEP', name: 'Kept' }, sales);
		expect((await getPartnerRecord(t.rt.db, 'customer', 'CV-KEEP'))?.custom).toEqual({ tax_no: 'T-9' });
		// Once the field is active again, its value is back in force.
		await execute(t.rt, defineCustomField, field('customer', 'tax_no', 'text'), admin);
		expect(await customerIds({ 'custom.tax_no': 'T-9' })).toEqual(['CV-KEEP']);
	});
});
