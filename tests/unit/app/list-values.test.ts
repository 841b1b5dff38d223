// The pages name the lists' statuses and filters in $lib (no core code reaches the browser); the core
// declares the values its queries accept. They must be the same lists.
import { describe, expect, it } from 'vitest';
import { PO_FILTERS, REQ_FILTERS, REQ_STATUSES } from '$lib/components/purchasing/labels';
import { MO_STATUSES, WC_STATUSES } from '$lib/components/production/labels';
import * as purchaseOrders from '../../../server/purchasing/purchase-order-status.ts';
import * as requisitions from '../../../server/purchasing/requisition-status.ts';
import * as productionOrders from '../../../server/production/production-order-status.ts';
import { WORK_CENTER_STATUSES } from '../../../server/production/schemas.ts';

describe('list values the pages offer', () => {
	it('are those the purchasing queries accept', () => {
		expect(REQ_STATUSES).toEqual(requisitions.REQ_STATUSES);
		expect(REQ_FILTERS).toEqual(requisitions.REQ_FILTERS);
		expect(PO_FILTERS).toEqual(purchaseOrders.PO_FILTERS);
	});

	it('are those the production queries accept', () => {
		expect(MO_STATUSES).toEqual(productionOrders.MO_STATUSES);
		expect(WC_STATUSES).toEqual(WORK_CENTER_STATUSES);
	});
});
