import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { kpiWindow } from '../../../server/kpi/queries.ts';
import { addDays, factoryDate } from '../../../server/shared/factory-date.ts';
import type { Principal } from '../../../server/auth/tokens.ts';

// The values a wall screen is served with (hub.currentValues): read as the subscription's snapshot
// reads them, and under the same rules, so a page never shows what its socket would refuse.
let t: TestRuntime;
const today = factoryDate(new Date(), 'Asia/Shanghai');
const at = () => ({ occurredAt: new Date().toISOString() });

const kiosk = (screens: string[] | null = null): Principal => ({ kind: 'kiosk', tokenId: 'k', name: 'wall', eventTypes: null, reads: [], screens });
const salesReader: Principal = { kind: 'api', tokenId: 'a', name: 'erp', eventTypes: [], reads: ['sales'], screens: null };

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

beforeAll(async () => {
	t = await openTestRuntime({ planning: false, alerts: false });
	await append([
		ev.customer({ customerId: 'C-V', name: '大屏客户' }),
		ev.item({ itemId: 'P-V', name: '水泵', makeOrBuy: 'make' }),
		{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-V', locationId: 'MAIN', qty: 100, reasonCode: 'OPENING' } }
	]);
	await append([
		ev.salesOrder({ orderId: 'SO-V1', customerId: 'C-V', lines: [{ lineId: '10', itemId: 'P-V', qty: 5, requestedDate: today }] }, at()),
		ev.salesOrder({ orderId: 'SO-V2', customerId: 'C-V', lines: [{ lineId: '10', itemId: 'P-V', qty: 5, requestedDate: addDays(today, -3) }] }, at()),
		ev.shipment({ orderId: 'SO-V1', lineId: '10', qty: 5 }, at()),
		ev.shipment({ orderId: 'SO-V2', lineId: '10', qty: 5 }, at())
	]);
});
afterAll(async () => t?.close());

describe(`values served with a wall screen (${backendLabel})`, () => {
	it('reads each value topic as its snapshot would, and leaves out what the token may not follow', async () => {
		const values = await t.rt.hub.currentValues(kiosk(), ['kpi:otd:30d', 'orders:progress', 'screen:floor', 'events:*', 'kpi:no_such_kpi:7d']);
		expect(Object.keys(values).sort()).toEqual(['kpi:otd:30d', 'orders:progress', 'screen:floor']);
		const otd = await kpiWindow(t.rt.db, { kpi: 'otd', window: '30d', now: new Date(), timeZone: t.rt.config.timeZone });
		expect(values['kpi:otd:30d']).toEqual(otd);
		expect(otd.value).toBe(50);
		expect((values['orders:progress'] as { total: number }).total).toBe(0);
	});

	it('a kiosk token made for other screens gets none of this screen, an API token only what it may read', async () => {
		expect(await t.rt.hub.currentValues(kiosk(['sales-delivery']), ['screen:floor', 'screen:sales-delivery'])).toEqual({ 'screen:sales-delivery': expect.anything() });
		expect(Object.keys(await t.rt.hub.currentValues(salesReader, ['kpi:otd:30d', 'orders:progress']))).toEqual(['orders:progress']);
	});
});
