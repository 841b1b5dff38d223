// What integrators get back when the API refuses: `error` and `code` for the whole answer, and per
// issue its `index`, `path`, catalogue `code`, typed `params` and a `message` for people. The answer's
// status is the one the catalogue gives its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ERRORS } from '../../../server/errors.ts';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

type Answer = { error: string; code: string; issues: { index: number; path: string; code: string; params: Record<string, unknown>; message: string }[] };

async function post(path: string, body: unknown) {
	const r = await fetch(server.url + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify(body)
	});
	return { status: r.status, body: (await r.json()) as Answer };
}
const command = (name: string, input: unknown) => post(`/api/commands/${name}`, input);

const item = (itemId: string) => ({ itemId, name: itemId, kind: 'product', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 });

describe(`error answers (${backendLabel})`, () => {
	it('answers a broken rule with its code, parameters and path', async () => {
		await command('item.save', { ...item('ERR-A'), allowNegativeStock: true });
		await command('customer.save', { customerId: 'ERR-C', name: 'Customer' });
		await command('sales_order.create', { allowPastDates: true, orderId: 'SO-ERR', customerId: 'ERR-C', lines: [{ lineId: '1', itemId: 'ERR-A', qty: 3, requestedDate: '2026-12-01' }] });
		const r = await command('shipment.ship', { orderId: 'SO-ERR', lineId: '1', qty: 5 });
		expect(r.status).toBe(409);
		expect(r.body).toEqual({
			error: 'only 3 open on this line',
			code: 'ERR_REJECTED',
			issues: [{ index: 0, path: 'qty', code: 'ERR_SO_OVER_SHIPMENT', params: { open: 3 }, message: 'only 3 open on this line' }]
		});
		expect(ERRORS[r.body.issues[0].code as keyof typeof ERRORS].status).toBe(r.status);
	});

	it('answers a rule of a projector guard the same way, its path without "data."', async () => {
		const r = await command('bom.replace', { parentItemId: 'ERR-A', lines: [{ childItemId: 'ERR-NONE', qtyPer: 1 }] });
		expect([r.status, r.body.code, r.body.issues]).toEqual([
			409,
			'ERR_REJECTED',
			[{ index: 0, path: 'lines.0.childItemId', code: 'ERR_BOM_UNKNOWN_ITEM', params: { itemId: 'ERR-NONE' }, message: 'unknown item "ERR-NONE"' }]
		]);
	});

	it('answers bad input with a code and parameters per field', async () => {
		const { leadTimeDays: _, ...noLeadTime } = item('ERR-B');
		const r = await command('item.save', { ...noLeadTime, name: 'x'.repeat(300), unitCost: -1, kind: 'gadget' });
		expect(r.status).toBe(400);
		expect(r.body.code).toBe('ERR_VALIDATION');
		const byPath = Object.fromEntries(r.body.issues.map((i) => [i.path, [i.code, i.params]]));
		expect(byPath).toEqual({
			name: ['ERR_TOO_LONG', { maximum: 200 }],
			kind: ['ERR_INVALID_OPTION', { options: 'product, semi, material' }],
			unitCost: ['ERR_NEGATIVE', {}],
			leadTimeDays: ['ERR_REQUIRED', {}]
		});
	});

	it('answers a bad ingested event with codes per field, at its index', async () => {
		const event = { id: randomUUID(), type: 'goods.received', occurredAt: new Date().toISOString(), source: 'erp', data: { poId: 'PO-1', lineId: '', qty: 0 } };
		const r = await post('/api/events', { events: [event] });
		expect(r.status).toBe(400);
		expect(r.body.issues.map((i) => [i.index, i.path, i.code, i.params])).toEqual([
			[0, 'data.lineId', 'ERR_EMPTY', {}],
			[0, 'data.qty', 'ERR_NOT_POSITIVE', {}]
		]);
	});
});
