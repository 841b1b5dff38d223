// Value topics that wall screens and pages follow besides the KPIs: `orders:progress`, `shortages`,
// `capacity:load`, `production:gantt`, `alerts:open`. Each is one read of the core (the same functions
// the pages call), read again by the hub after commits of the event types that can change it
// (debounced there) and, where the value moves with time, every so often; every node reads for its
// own subscribers (hub.ts).
import type { Principal } from '../auth/tokens.ts';
import { mayRead } from '../auth/tokens.ts';
import type { ReadScope } from '../auth/read-scopes.ts';
import type { Queryable } from '../db/db.ts';
import type { Clock } from '../clock.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { listOrders } from '../sales/order-list.queries.ts';
import { openShortages } from '../planning/shortages.queries.ts';
import { capacityLoad } from '../planning/load.queries.ts';
import { productionTimeline } from '../production/timeline.queries.ts';
import { ALERTS_OPEN_TOPIC, alertsOpenValue } from '../alerts/alert.queries.ts';
import type { TopicProvider } from './topics.ts';

export interface BoardDeps {
	db: Queryable;
	clock: Clock;
	timeZone: string;
}

/**
 * Who may follow a board topic: users (the pages show it to every signed-in role), kiosk tokens (wall
 * screens), admin tokens, and API tokens granted the topic's read scope.
 */
export function mayFollow(p: Principal, scope: ReadScope): boolean {
	if (p.kind === 'user' || p.kind === 'kiosk') return true;
	return mayRead(p, scope);
}

/** A value topic of one fixed name. */
export function boardTopic(opts: {
	name: string;
	scope: ReadScope;
	/** Event types (exact, or a prefix ending in ".") whose commits may change the value. */
	types: readonly string[];
	refreshMs?: number;
	read(): Promise<unknown>;
}): TopicProvider {
	const exact = new Set(opts.types.filter((t) => !t.endsWith('.')));
	const prefixes = opts.types.filter((t) => t.endsWith('.'));
	return {
		kind: 'value',
		forScreens: true,
		matches: (topic) => topic === opts.name,
		authorize: (p) => mayFollow(p, opts.scope),
		snapshot: () => opts.read(),
		affectedBy: (_topic, events: StoredEvent[]) => events.some((e) => exact.has(e.type) || prefixes.some((p) => e.type.startsWith(p))),
		...(opts.refreshMs ? { refreshMs: opts.refreshMs } : {})
	};
}

const MINUTE = 60_000;

/** Open orders by earliest due date, with progress, status and risk: the screens' order table. */
export function ordersProgressTopic(d: BoardDeps): TopicProvider {
	return boardTopic({
		name: 'orders:progress',
		scope: 'sales',
		types: ['sales_order.', 'shipment.', 'sales_order_line.', 'production_order.', 'production.reported', 'production.report_reversed', 'stock.', 'goods.received', 'goods.receipt_reversed', 'inspection.recorded', 'inspection.reversed', 'customer.upserted'],
		// A due date passing makes a line late without any event.
		refreshMs: MINUTE,
		async read() {
			const now = d.clock.now();
			const { orders, total } = await listOrders(
				d.db,
				{ status: 'active', sort: 'due', dir: 'asc', page: 1, pageSize: 50 },
				{ now, timeZone: d.timeZone },
				{ name: 'system:screens', scope: null }
			);
			return {
				today: factoryDate(now, d.timeZone),
				total,
				late: orders.filter((o) => o.status === 'late').length,
				atRisk: orders.filter((o) => o.linesAtRisk > 0).length,
				orders: orders.map((o) => ({
					orderId: o.orderId,
					customerId: o.customerId,
					customerName: o.customerName,
					due: o.earliestDue,
					status: o.status,
					progress: o.progress,
					linesAtRisk: o.linesAtRisk,
					maxDaysLate: o.maxDaysLate
				}))
			};
		}
	});
}

/** The plan's shortages with the sales order lines they hit. */
export function shortagesTopic(d: BoardDeps): TopicProvider {
	return boardTopic({
		name: 'shortages',
		scope: 'planning',
		types: ['plan.generated', 'sales_order.changed', 'sales_order.promised', 'customer.upserted', 'item.upserted'],
		read: () => openShortages(d.db, 50)
	});
}

/** Load per work centre and day for the next two weeks. */
export function capacityLoadTopic(d: BoardDeps): TopicProvider {
	return boardTopic({
		name: 'capacity:load',
		scope: 'production',
		types: ['production_order.', 'production.reported', 'production.report_reversed', 'operation.', 'work_center.', 'routing.replaced'],
		// A new day moves the board.
		refreshMs: 5 * MINUTE,
		read: () => capacityLoad(d.db, factoryDate(d.clock.now(), d.timeZone), 14)
	});
}

/** Open production orders by due date with their span and progress: the screens' mini Gantt. */
export function productionGanttTopic(d: BoardDeps): TopicProvider {
	return boardTopic({
		name: 'production:gantt',
		scope: 'production',
		types: ['production_order.', 'production.reported', 'production.report_reversed', 'operation.', 'work_center.upserted', 'item.upserted'],
		// A new day moves today's line and makes orders late.
		refreshMs: 5 * MINUTE,
		read: () => productionTimeline(d.db, { today: factoryDate(d.clock.now(), d.timeZone), timeZone: d.timeZone, limit: 30 })
	});
}

/** Open alerts, most severe first: the screens' ticker and the in-app channel. */
export function alertsOpenTopic(d: BoardDeps): TopicProvider {
	return boardTopic({ name: ALERTS_OPEN_TOPIC, scope: 'alerts', types: ['alert.'], read: () => alertsOpenValue(d.db) });
}

export function boardTopics(d: BoardDeps): TopicProvider[] {
	return [ordersProgressTopic(d), shortagesTopic(d), capacityLoadTopic(d), productionGanttTopic(d), alertsOpenTopic(d)];
}
