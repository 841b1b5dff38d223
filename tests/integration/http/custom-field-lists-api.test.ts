import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';

let database: TestDatabase;
let server: TestServer;

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function command(name: string, input: unknown) {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...auth },
		body: JSON.stringify(input)
	});
	expect(r.status, `${name}: ${await r.clone().text()}`).toBe(200);
}

async function list<T>(path: string, params: Record<string, string>, headers: Record<string, string> = auth): Promise<{ status: number; body: T }> {
	const r = await fetch(`${server.url}${path}?${new URLSearchParams(params)}`, { headers });
	return { status: r.status, body: (await r.json()) as T };
}

const choice = (entity: string, key: string, choices: string[]) => ({ entity, key, labels: { 'zh-CN': key, en: key }, type: 'choice', required: false, choices });

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	await command('custom_field.define', choice('item', 'grade', ['Q235', 'Q345']));
	await command('custom_field.define', { ...choice('sales_order', 'channel', ['online', 'dealer']), labels: { 'zh-CN': '渠道', en: 'Channel' } });
	await command('custom_field.define', { entity: 'purchase_order', key: 'freight', labels: { 'zh-CN': '运费', en: 'Freight' }, type: 'number', required: false });
	await command('item.save', { itemId: 'H-1', name: 'Plate', kind: 'material', uom: 'kg', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1, custom: { grade: 'Q235' } });
	await command('item.save', { itemId: 'H-2', name: 'Bar', kind: 'material', uom: 'kg', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1, custom: { grade: 'Q345' } });
	await command('custom_field.define', choice('customer', 'region', ['east', 'north']));
	await command('custom_field.define', { entity: 'supplier', key: 'rating', labels: { 'zh-CN': '评级', en: 'Rating' }, type: 'number', required: false });
	await command('customer.save', { customerId: 'HC', name: 'Customer' });
	await command('customer.save', { customerId: 'HC-E', name: 'East customer', custom: { region: 'east' } });
	await command('supplier.save', { supplierId: 'HS', name: 'Supplier' });
	await command('supplier.save', { supplierId: 'HS-5', name: 'Top supplier', custom: { rating: 5 } });
	const line = { lineId: '1', itemId: 'H-1', qty: 1, requestedDate: '2027-01-04' };
	await command('sales_order.create', { orderId: 'HSO-1', customerId: 'HC', lines: [line], custom: { channel: 'online' } });
	await command('sales_order.create', { orderId: 'HSO-2', customerId: 'HC', lines: [line], custom: { channel: 'dealer' } });
	await command('sales_order.create', { orderId: 'HSO-3', customerId: 'HC', lines: [line] });
	const poLine = { lineId: '1', itemId: 'H-1', qty: 10, unitPrice: 2, expectedDate: '2027-01-04' };
	await command('purchase_order.place', { poId: 'HPO-1', supplierId: 'HS', lines: [poLine], custom: { freight: 120 } });
	await command('purchase_order.place', { poId: 'HPO-2', supplierId: 'HS', lines: [poLine], custom: { freight: 80.5 } });
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

describe(`JSON lists filtered by custom fields (${backendLabel})`, () => {
	it('filters items by a choice and returns their custom values', async () => {
		const r = await list<{ items: { itemId: string; custom: unknown }[]; total: number }>('/api/items', { 'custom.grade': 'Q345' });
		expect(r.body).toMatchObject({ total: 1, items: [{ itemId: 'H-2', custom: { grade: 'Q345' } }] });
	});

	it('filters sales orders by a choice, with and without a status filter', async () => {
		const ids = async (params: Record<string, string>) =>
			(await list<{ orders: { orderId: string; custom: Record<string, unknown> }[] }>('/api/sales-orders', params)).body.orders.map((o) => [o.orderId, o.custom]);
		expect(await ids({ 'custom.channel': 'online' })).toEqual([['HSO-1', { channel: 'online' }]]);
		expect(await ids({ 'custom.channel': 'dealer', status: 'open' })).toEqual([['HSO-2', { channel: 'dealer' }]]);
		expect((await ids({ sort: 'orderId', dir: 'asc' })).map(([id]) => id)).toEqual(['HSO-1', 'HSO-2', 'HSO-3']);
	});

	it('filters purchase orders by a number range', async () => {
		const r = await list<{ orders: { poId: string; custom: unknown }[]; total: number }>('/api/purchase-orders', { 'custom.freight.from': '100' });
		expect(r.body).toMatchObject({ total: 1, orders: [{ poId: 'HPO-1', custom: { freight: 120 } }] });
		const under = await list<{ orders: { poId: string }[] }>('/api/purchase-orders', { 'custom.freight.to': '100', status: 'open' });
		expect(under.body.orders.map((o) => o.poId)).toEqual(['HPO-2']);
	});

	it('filters customers by a choice and suppliers by a number range', async () => {
		const customers = await list<{ customers: { id: string; custom: unknown }[]; total: number }>('/api/customers', { 'custom.region': 'east' });
		expect(customers.body).toMatchObject({ total: 1, customers: [{ id: 'HC-E', custom: { region: 'east' } }] });
		const suppliers = await list<{ suppliers: { supplierId: string; custom: unknown }[]; total: number }>('/api/suppliers', { 'custom.rating.from': '4' });
		expect(suppliers.body).toMatchObject({ total: 1, suppliers: [{ supplierId: 'HS-5', custom: { rating: 5 } }] });
	});

	it('answers 400 naming a bad customer or supplier filter', async () => {
		const customers = await list<{ code: string; issues: { path: string; message: string }[] }>('/api/customers', { 'custom.region': 'south', sort: 'nope' });
		expect([customers.status, customers.body.code, customers.body.issues.map((i) => i.path).sort()]).toEqual([400, 'ERR_BAD_QUERY', ['custom.region', 'sort']]);
		const suppliers = await list<{ issues: { path: string; message: string }[] }>('/api/suppliers', { 'custom.region': 'east' });
		expect([suppliers.status, suppliers.body.issues]).toEqual([400, [expect.objectContaining({ path: 'custom.region', message: 'is not a defined field' })]]);
	});

	it('answers 400 naming a filter on a field the entity does not have, or a bad value', async () => {
		const r = await list<{ code: string; issues: { path: string; message: string }[] }>('/api/sales-orders', { 'custom.grade': 'Q235' });
		expect(r.status).toBe(400);
		expect(r.body.issues).toEqual([expect.objectContaining({ path: 'custom.grade', message: 'is not a defined field' })]);
		const bad = await list<{ issues: { path: string; message: string }[] }>('/api/purchase-orders', { 'custom.freight.from': 'lots' });
		expect([bad.status, bad.body.issues.map((i) => i.path)]).toEqual([400, ['custom.freight.from']]);
	});
});

describe(`import template endpoint (${backendLabel})`, () => {
	it('lists the custom columns in the language asked for', async () => {
		const zh = await fetch(`${server.url}/api/import/open-orders/template?format=csv&lang=zh-CN`, { headers: auth });
		expect((await zh.text()).trim().split(',').at(-1)).toBe('渠道');
		const en = await fetch(`${server.url}/api/import/open-orders/template?format=csv&lang=en`, { headers: auth });
		expect((await en.text()).trim().split(',').at(-1)).toBe('Channel');
	});

	it('answers 401 without credentials', async () => {
		expect((await fetch(`${server.url}/api/import/items/template?format=csv`)).status).toBe(401);
	});
});
