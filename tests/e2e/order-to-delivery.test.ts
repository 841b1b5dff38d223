import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser, cspViolations } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// The whole order-to-delivery path in Chromium, in Chinese and in English, each step signed in as
// the role that does it: items and a two-level BOM, customer and supplier, sales order, requisition →
// approval → purchase order → receipt → inspection, production orders for the frame and the bike →
// release → report → complete (backflush), shipment; then the event log names every actor.

const USERS = {
	planner: { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] },
	sales: { username: 'wang.sales', displayName: '王销售', password: 'sales-pass-1', roles: ['sales'] },
	buyer: { username: 'sun.buyer', displayName: '孙采购', password: 'buyer-pass-1', roles: ['purchasing'] },
	manager: { username: 'chen.manager', displayName: '陈经理', password: 'manager-pass-1', roles: ['manager'] },
	warehouse: { username: 'zhao.wh', displayName: '赵仓库', password: 'warehouse-pass-1', roles: ['warehouse'] },
	quality: { username: 'qian.qc', displayName: '钱质检', password: 'quality-pass-1', roles: ['quality'] },
	production: { username: 'wu.op', displayName: '吴操作', password: 'production-pass-1', roles: ['production'] }
} as const;
type Who = keyof typeof USERS;

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function apiGet<T>(path: string): Promise<T> {
	const r = await fetch(server.url + path, { headers: admin });
	expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
	return (await r.json()) as T;
}

/** The pages' language for the run: the `lang` cookie the header's language switch sets. */
let locale: 'zh-CN' | 'en' = 'zh-CN';

/** Content-Security-Policy violations of every page the run opened. */
const violations: string[][] = [];

async function signIn(who: Who, next: string): Promise<Page> {
	const u = USERS[who];
	const page = await browser.newPage();
	violations.push(cspViolations(page));
	await page.context().addCookies([{ name: 'lang', value: locale, url: server.url }]);
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(u.username);
	await page.locator('input[name=password]').fill(u.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((url) => url.pathname === next);
	await hydrated(page);
	// The whole page speaks the run's language.
	expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
	expect(await page.locator('header nav a[href="/sales"]').textContent()).toBe(locale === 'en' ? 'Sales orders' : '销售订单');
	return page;
}

async function open(page: Page, path: string) {
	const r = await page.goto(server.url + path);
	expect(r?.status(), path).toBe(200);
	await hydrated(page);
}

/** Text of the form issues on the page, to make a refused step's failure readable. */
async function pageIssues(page: Page): Promise<string> {
	return (await page.locator('.field-error, [data-testid=form-issues]').allTextContents()).join(' | ');
}

async function newItem(page: Page, f: { itemId: string; name: string; kind: string; makeOrBuy: string; unitCost: string; backflush?: string }) {
	await open(page, '/items/new');
	const form = page.getByTestId('item-form');
	await form.locator('[name=itemId]').fill(f.itemId);
	await form.locator('[name=name]').fill(f.name);
	await form.locator('[name=kind]').selectOption(f.kind);
	await form.locator('[name=makeOrBuy]').selectOption(f.makeOrBuy);
	await form.locator('[name=uom]').fill('pcs');
	await form.locator('[name=unitCost]').fill(f.unitCost);
	await form.locator('[name=leadTimeDays]').fill('3');
	if (f.backflush) await form.locator('[name=backflush]').selectOption(f.backflush);
	await form.getByTestId('item-save').click();
	await page.waitForURL((u) => u.pathname === `/items/${f.itemId}`);
}

describe.each(['zh-CN', 'en'] as const)('order to delivery in Chromium (%s)', (lang) => {
	// Each language walks its own records on the same server.
	const tag = lang === 'en' ? 'EN' : 'ZH';
	const CUSTOMER = `C-${tag}`;
	const SUPPLIER = `S-${tag}`;
	const BIKE = `BIKE-${tag}`;
	const FRAME = `FRAME-${tag}`;
	const STEEL = `STEEL-${tag}`;
	const SO = `SO-${tag}-1`;
	const PR = `PR-${tag}-1`;
	const PO = `PO-${tag}-1`;
	const MO_FRAME = `MO-${tag}-F`;
	const MO_BIKE = `MO-${tag}-B`;
	const DUE = '2027-03-01';

	async function productionOrder(planner: Page, f: { id: string; itemId: string; qty: string; salesOrderId?: string; salesLineId?: string }) {
		await open(planner, '/production/orders');
		await planner.locator('[data-testid=mo-new] summary').click();
		const moForm = planner.getByTestId('mo-form');
		await moForm.locator('[name=productionOrderId]').fill(f.id);
		await moForm.locator('[name=itemId]').fill(f.itemId);
		await moForm.locator('[name=qty]').fill(f.qty);
		await moForm.locator('[name=dueDate]').fill(DUE);
		if (f.salesOrderId) await moForm.locator('[name=salesOrderId]').fill(f.salesOrderId);
		if (f.salesLineId) await moForm.locator('[name=salesLineId]').fill(f.salesLineId);
		await moForm.getByTestId('mo-save').click();
		await planner.waitForURL((u) => u.pathname === `/production/orders/${f.id}`, { timeout: 10_000 }).catch(async (e) => {
			throw new Error(`production order not created: ${await pageIssues(planner)}; ${e}`);
		});
		await hydrated(planner);
		expect(await planner.getByTestId('mo-status').getAttribute('data-status')).toBe('created');
		await planner.getByTestId('mo-release').locator('button[type=submit]').click();
		await expect.poll(() => planner.getByTestId('mo-status').getAttribute('data-status')).toBe('released');
	}

	async function reportAndComplete(op: Page, id: string, good: string) {
		await open(op, `/production/orders/${id}`);
		const ops = await op.getByTestId('mo-operation').count();
		const report = ops ? op.locator('[data-testid=op-report-form]').last() : op.getByTestId('op-report-form');
		await report.locator('[name=goodQty]').fill(good);
		await report.locator('button[type=submit]').click();
		await expect.poll(() => op.getByTestId('mo-good').textContent()).toBe(good);
		// Completing cannot be undone: the page asks first.
		op.once('dialog', (d) => void d.accept());
		await op.getByTestId('mo-complete').locator('button[type=submit]').click();
		await expect
			.poll(async () => (await op.getByTestId('mo-status').getAttribute('data-status')) + ' ' + (await pageIssues(op)))
			.toBe('completed ');
	}

	it('takes a bike with a two-level BOM from sales order to shipment, each step by its role, all in the event log', async () => {
		locale = lang;
		// 1. planner: items and the two-level BOM (bike ← frame ← steel tube)
		const planner = await signIn('planner', '/items');
		await newItem(planner, { itemId: BIKE, name: '自行车 Bike', kind: 'product', makeOrBuy: 'make', unitCost: '900', backflush: 'completion' });
		await newItem(planner, { itemId: FRAME, name: '车架 Frame', kind: 'semi', makeOrBuy: 'make', unitCost: '300', backflush: 'completion' });
		await newItem(planner, { itemId: STEEL, name: '钢管 Steel tube', kind: 'material', makeOrBuy: 'buy', unitCost: '600' });
		for (const [parent, child, qtyPer] of [
			[BIKE, FRAME, '1'],
			[FRAME, STEEL, '2']
		]) {
			await open(planner, `/items/${parent}`);
			const bom = planner.getByTestId('bom-form');
			if ((await bom.getByTestId('bom-line').count()) === 0) await bom.getByTestId('bom-add-line').click();
			const line = bom.getByTestId('bom-line').first();
			await line.locator('[name=childItemId]').fill(child);
			await line.locator('[name=qtyPer]').fill(qtyPer);
			await bom.getByTestId('bom-save').click();
			await expect.poll(() => planner.getByTestId('bom-line').locator('[name=childItemId]').inputValue()).toBe(child);
			await planner.reload();
			expect(await planner.getByTestId('bom-line').locator('[name=qtyPer]').inputValue()).toBe(qtyPer);
		}

		// 2. sales: the customer; buyer: the supplier and its price for the steel tube
		const sales = await signIn('sales', '/customers/new');
		const customerForm = sales.getByTestId('customer-form');
		await customerForm.locator('[name=customerId]').fill(CUSTOMER);
		await customerForm.locator('[name=name]').fill('上海自行车行');
		await customerForm.locator('button[type=submit]').click();
		await sales.waitForURL((u) => u.pathname === `/customers/${CUSTOMER}`, { timeout: 10_000 });
		const buyer = await signIn('buyer', '/suppliers/new');
		const supplierForm = buyer.getByTestId('supplier-form');
		await supplierForm.locator('[name=supplierId]').fill(SUPPLIER);
		await supplierForm.locator('[name=name]').fill('宁波钢管厂');
		await supplierForm.locator('button[type=submit]').click();
		await buyer.waitForURL((u) => u.pathname === `/suppliers/${SUPPLIER}`, { timeout: 10_000 });
		await hydrated(buyer);
		const terms = buyer.getByTestId('supplier-item-add');
		await terms.locator('[name=itemId]').fill(STEEL);
		await terms.locator('[name=price]').fill('600');
		await terms.locator('[name=leadTimeDays]').fill('7');
		await terms.locator('button[type=submit]').click();
		await expect.poll(() => buyer.locator(`[data-testid=supplier-item-form][data-item-id=${STEEL}]`).count()).toBe(1);

		// 3. sales: the order for 2 bikes
		await open(sales, '/sales/new');
		const orderForm = sales.getByTestId('order-form');
		await orderForm.locator('[name=customerId]').fill(CUSTOMER);
		await orderForm.locator('[name=orderId]').fill(SO);
		// a line added and removed again is not sent
		await orderForm.getByTestId('order-add-line').click();
		await orderForm.getByTestId('order-line').nth(1).locator('[name=itemId]').fill(FRAME);
		await orderForm.getByTestId('order-line').nth(1).getByTestId('order-remove-line').click();
		await expect.poll(() => orderForm.getByTestId('order-line').count()).toBe(1);
		const soLine = orderForm.getByTestId('order-line').first();
		await soLine.locator('[name=itemId]').fill(BIKE);
		await soLine.locator('[name=qty]').fill('2');
		await soLine.locator('[name=requestedDate]').fill(DUE);
		await orderForm.getByTestId('order-save').click();
		await sales.waitForURL((u) => u.pathname === `/sales/${SO}`, { timeout: 10_000 }).catch(async (e) => {
			throw new Error(`sales order not created: ${await pageIssues(sales)}; ${e}`);
		});
		expect(await sales.getByTestId('order-line').count()).toBe(1);
		const soLineId = (await sales.getByTestId('order-line').first().getAttribute('data-line-id'))!;
		expect(soLineId).toBe('1');
		await sales.close();

		// 4. planner: a requisition for 10 steel at 600 (6,000: over the auto-approval limit)
		await open(planner, '/purchasing/requisitions');
		const reqForm = planner.getByTestId('req-form');
		await reqForm.locator('[name=requisitionId]').fill(PR);
		await reqForm.locator('[name=itemId]').fill(STEEL);
		await reqForm.locator('[name=qty]').fill('10');
		await reqForm.locator('[name=neededBy]').fill(DUE);
		await reqForm.locator('[name=supplierId]').fill(SUPPLIER);
		await reqForm.locator('[name=unitPrice]').fill('600');
		await reqForm.getByTestId('req-submit').click();
		await planner.waitForURL((u) => u.pathname === `/purchasing/requisitions/${PR}`, { timeout: 10_000 }).catch(async (e) => {
			throw new Error(`requisition not created: ${await pageIssues(planner)}; ${e}`);
		});
		expect(await planner.locator('[data-testid=req-step][data-role=manager]').count()).toBe(1);

		// 5. manager: approves it on its page
		const manager = await signIn('manager', `/purchasing/requisitions/${PR}`);
		await manager.getByTestId('approve-button').click();
		await manager.locator('[data-testid=req-step][data-role=manager][data-state=approved]').waitFor({ timeout: 10_000 });
		expect(await manager.getByTestId('decision-form').count()).toBe(0);
		await manager.close();

		// 6. buyer: the purchase order from the approved requisition
		await open(buyer, `/purchasing/orders?from=${PR}`);
		const poForm = buyer.getByTestId('po-form');
		expect(await poForm.locator('[name=supplierId]').inputValue()).toBe(SUPPLIER);
		const poLine = poForm.getByTestId('po-form-line').first();
		expect(await poLine.locator('[name=itemId]').inputValue()).toBe(STEEL);
		expect(Number(await poLine.locator('[name=qty]').inputValue())).toBe(10);
		// a line added and removed again is not sent
		await poForm.getByTestId('po-add-line').click();
		await poForm.getByTestId('po-form-line').nth(1).locator('[name=itemId]').fill(STEEL);
		await poForm.getByTestId('po-form-line').nth(1).getByTestId('po-remove-line').click();
		await expect.poll(() => poForm.getByTestId('po-form-line').count()).toBe(1);
		await poForm.locator('[name=poId]').fill(PO);
		await poForm.getByTestId('po-submit').click();
		await buyer.waitForURL((u) => u.pathname === `/purchasing/orders/${PO}`, { timeout: 10_000 }).catch(async (e) => {
			throw new Error(`purchase order not placed: ${await pageIssues(buyer)}; ${e}`);
		});
		await buyer.close();

		// 7. warehouse receives 10; quality accepts 9 and rejects 1 with a reason
		const warehouse = await signIn('warehouse', `/purchasing/orders/${PO}`);
		const receive = warehouse.locator('[data-testid=receive-form][data-line-id="1"]');
		await receive.locator('[name=qty]').fill('10');
		await receive.locator('button[type=submit]').click();
		await expect.poll(() => warehouse.getByTestId('received-qty').first().getAttribute('data-qty')).toBe('10');

		const quality = await signIn('quality', `/purchasing/orders/${PO}`);
		const inspect = quality.locator('[data-testid=inspect-form][data-line-id="1"]');
		await inspect.locator('[name=acceptedQty]').fill('9');
		await inspect.locator('[name=rejectedQty]').fill('1');
		await inspect.locator('[name=reasonCode]').selectOption('MATERIAL_DEFECT');
		await inspect.locator('button[type=submit]').click();
		await expect.poll(() => quality.getByTestId('accepted-qty').first().textContent()).toBe('9');
		expect(await quality.getByTestId('rejected-qty').first().textContent()).toBe('1');
		await quality.close();

		// 8. planner: a production order for the frames, and one for the bikes of the sales order line
		await productionOrder(planner, { id: MO_FRAME, itemId: FRAME, qty: '2' });
		await productionOrder(planner, { id: MO_BIKE, itemId: BIKE, qty: '2', salesOrderId: SO, salesLineId: soLineId });
		await planner.close();

		// production: makes the frames first (backflushing the steel), then the bikes (backflushing the frames)
		const op = await signIn('production', `/production/orders/${MO_FRAME}`);
		await reportAndComplete(op, MO_FRAME, '2');
		await reportAndComplete(op, MO_BIKE, '2');
		await op.close();

		// 9. warehouse ships the 2 bikes; the line shows shipped
		await open(warehouse, `/sales/${SO}`);
		const ship = warehouse.locator(`[data-testid=ship-form][data-line-id="${soLineId}"]`);
		await ship.locator('[name=qty]').fill('2');
		await ship.locator('button[type=submit]').click();
		const soRow = warehouse.locator(`[data-testid=order-line][data-line-id="${soLineId}"]`);
		await expect
			.poll(async () => (await soRow.getByTestId('line-status').getAttribute('data-status')) + ' ' + (await pageIssues(warehouse)))
			.toBe('shipped ');
		expect(await soRow.getByTestId('shipped-qty').textContent()).toBe('2');
		await warehouse.close();

		// 10. the event log has every step with who did it
		const { events } = await apiGet<{ events: { type: string; actor?: string; data: Record<string, unknown> }[] }>('/api/events?limit=1000');
		const actorOf = (type: string, match: (d: Record<string, unknown>) => boolean = () => true) =>
			events.filter((e) => e.type === type && match(e.data)).map((e) => e.actor);
		const P = 'user:li.planner';
		for (const itemId of [BIKE, FRAME, STEEL]) expect(actorOf('item.upserted', (d) => d.itemId === itemId)).toEqual([P]);
		expect(actorOf('bom.replaced', (d) => d.parentItemId === BIKE)).toEqual([P]);
		expect(actorOf('bom.replaced', (d) => d.parentItemId === FRAME)).toEqual([P]);
		expect(actorOf('customer.upserted', (d) => d.customerId === CUSTOMER)).toEqual(['user:wang.sales']);
		expect(actorOf('supplier.upserted', (d) => d.supplierId === SUPPLIER)).toEqual(['user:sun.buyer']);
		expect(actorOf('supplier_item.upserted', (d) => d.supplierId === SUPPLIER)).toEqual(['user:sun.buyer']);
		expect(actorOf('sales_order.created', (d) => d.orderId === SO)).toEqual(['user:wang.sales']);
		expect(actorOf('requisition.created', (d) => d.requisitionId === PR)).toEqual([P]);
		expect(actorOf('requisition.approved', (d) => d.requisitionId === PR)).toEqual(['user:chen.manager']);
		expect(actorOf('purchase_order.placed', (d) => d.poId === PO)).toEqual(['user:sun.buyer']);
		expect(actorOf('goods.received', (d) => d.poId === PO)).toEqual(['user:zhao.wh']);
		expect(actorOf('inspection.recorded', (d) => d.poId === PO)).toEqual(['user:qian.qc']);
		for (const mo of [MO_FRAME, MO_BIKE]) {
			expect(actorOf('production_order.created', (d) => d.productionOrderId === mo)).toEqual([P]);
			expect(actorOf('production_order.released', (d) => d.productionOrderId === mo)).toEqual([P]);
			expect(actorOf('production.reported', (d) => d.productionOrderId === mo)).toEqual(['user:wu.op']);
			expect(actorOf('production_order.completed', (d) => d.productionOrderId === mo)).toEqual(['user:wu.op']);
		}
		expect(actorOf('shipment.shipped', (d) => d.orderId === SO)).toEqual(['user:zhao.wh']);
		// the backflushes at completion: 2 × 2 steel for the frames, 2 frames for the bikes, in the completing user's name
		const issued = (mo: string) => events.filter((e) => e.type === 'stock.issued' && e.data.productionOrderId === mo).map((e) => [e.data.itemId, e.data.qty, e.actor]);
		expect(issued(MO_FRAME)).toEqual([[STEEL, 4, 'user:wu.op']]);
		expect(issued(MO_BIKE)).toEqual([[FRAME, 2, 'user:wu.op']]);
		// the bike order is linked to the sales order line
		const created = events.find((e) => e.type === 'production_order.created' && e.data.productionOrderId === MO_BIKE)!;
		expect([created.data.salesOrderId, created.data.salesLineId]).toEqual([SO, soLineId]);
		// what is left in stock: 5 steel usable (9 accepted − 4), 1 rejected, no frames, no bikes
		const stock = await apiGet<{ rows: { itemId: string; onHand: number; rejected: number }[] }>(`/api/stock?q=-${tag}`);
		const of = (id: string) => stock.rows.find((r) => r.itemId === id);
		expect([of(STEEL)?.onHand, of(STEEL)?.rejected, of(FRAME)?.onHand ?? 0, of(BIKE)?.onHand ?? 0]).toEqual([5, 1, 0, 0]);
	});
});

describe('role limits in Chromium', () => {
	it('gives a role the error page with 403 where it may not go', async () => {
		locale = 'zh-CN';
		const page = await signIn('sales', '/sales');
		for (const path of ['/settings/users', '/items/new']) {
			const r = await page.goto(server.url + path);
			expect(r?.status(), path).toBe(403);
			expect(await page.getByTestId('error-page').count(), path).toBe(1);
		}
		await page.close();
	});

	it('breaks no rule of the Content-Security-Policy on any page it opened', () => {
		expect(violations.length).toBeGreaterThan(0);
		expect(violations.flat()).toEqual([]);
	});
});
