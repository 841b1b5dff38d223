// The factory summary a manager or an administrator starts the day on (the home page): how many sales
// orders are open, late or at risk, requisitions awaiting the reader, production orders in progress or
// overdue, work centres down and open alerts. It owns no table and no event: it asks each capability's
// own reads, mostly the very list queries the page's links open (page size 1, their total), so a number
// and the list behind it cannot disagree. It lives here, beside the composition root (runtime.ts),
// because it is the one read that knows several capabilities: inside one of them it would make that
// capability import the others' queries, and server/shared is imported by the capabilities, so it must
// not import them back. Nothing in server/ imports it; pages and the API do.
import type { Queryable } from './db/db.ts';
import { salesScope, type ScopeSubject } from './auth/scope.ts';
import { factoryDate } from './shared/factory-date.ts';
import { listOrders as listSalesOrders } from './sales/order-list.queries.ts';
import { salesLineCounts } from './sales/summary.queries.ts';
import { countAwaiting, listRequisitions } from './purchasing/requisition.queries.ts';
import { listOrders as listProductionOrders } from './production/production-order.queries.ts';
import { listWorkCenters } from './production/work-center.queries.ts';
import { countOpenAlertsBySeverity } from './alerts/summary.queries.ts';

export interface FactorySummary {
	/** The factory's date the figures are taken on (YYYY-MM-DD), and the instant. */
	today: string;
	asOf: string;
	sales: { openOrders: number; lateLines: number; lateOrders: number; atRiskLines: number; atRiskOrders: number };
	/** `awaitingMe`: pending requisitions whose waiting step is for one of the reader's roles; `pending`: all pending. */
	purchasing: { awaitingMe: number; pending: number };
	production: { inProgress: number; overdue: number; workCentresDown: number; workCentresInMaintenance: number };
	alerts: { open: number; critical: number };
}

/** Who reads: their name ("user:…") and roles, and their department (the sales lists' scope). */
export interface SummaryReader extends ScopeSubject {
	name: string;
}

const ONE = { page: 1, pageSize: 1 } as const;

export async function factorySummary(q: Queryable, reader: SummaryReader, clock: { now: Date; timeZone: string }): Promise<FactorySummary> {
	const today = factoryDate(clock.now, clock.timeZone);
	const scope = salesScope(reader);
	const salesReader = { name: reader.name, scope };
	const salesTotal = async (filter: { status?: 'active' | 'late'; risk?: '1' }) =>
		(await listSalesOrders(q, { ...filter, sort: 'orderedAt', dir: 'desc', ...ONE }, clock, salesReader)).total;
	const productionTotal = async (filter: { status?: 'in_progress'; overdue?: '1' }) =>
		(await listProductionOrders(q, { ...filter, sort: 'created', dir: 'desc', ...ONE }, today)).total;

	const lines = await salesLineCounts(q, { today, scope });
	return {
		today,
		asOf: clock.now.toISOString(),
		sales: {
			openOrders: await salesTotal({ status: 'active' }),
			lateLines: lines.lateLines,
			lateOrders: await salesTotal({ status: 'late' }),
			atRiskLines: lines.atRiskLines,
			atRiskOrders: await salesTotal({ risk: '1' })
		},
		purchasing: {
			awaitingMe: await countAwaiting(q, reader.roles),
			pending: (await listRequisitions(q, { status: 'pending', sort: 'createdAt', dir: 'desc', ...ONE }, reader.roles)).total
		},
		production: {
			inProgress: await productionTotal({ status: 'in_progress' }),
			overdue: await productionTotal({ overdue: '1' }),
			workCentresDown: (await listWorkCenters(q, { status: 'down' })).length,
			workCentresInMaintenance: (await listWorkCenters(q, { status: 'maintenance' })).length
		},
		alerts: await countOpenAlertsBySeverity(q)
	};
}
