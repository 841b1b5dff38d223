// How the demo plant behaves when simulated (seed/sim/profile.ts): what customers order and how much,
// which supplier slips (S02, the cheap foundry: late and with rejects; the others mostly good), and
// how often machines break and scrap. ordersPerDay is sized against the plant's capacity
// (capacity.ts): at DEMO_ORDER_UNITS per order the busiest work centre runs at about 85 % of its
// shift minutes, so the plant is busy but capacity mostly holds (a breakdown or a rush order tips it).
import type { SimProfile, SupplierBehaviour, WorkCenterBehaviour } from '../sim/profile.ts';
import { customerSpecs, UNRELIABLE_SUPPLIER } from './partners.ts';
import { MEAN_LINES_PER_ORDER } from '../sim/demand.ts';

/** Units per order line (uniform, rounded to fives and tens). */
export const DEMO_LINE_QTY = { min: 10, max: 70 };

/**
 * Mean finished units per customer order the demand is sized for: lines per order × quantity per
 * line, as the simulator draws them (seed/sim/demand.ts), so that the load the plant is sized for is
 * the load the simulator brings.
 */
export const DEMO_ORDER_UNITS = MEAN_LINES_PER_ORDER * ((DEMO_LINE_QTY.min + DEMO_LINE_QTY.max) / 2);

/** Relative demand per product: front calipers, discs and hub units sell most. */
export const PRODUCT_WEIGHTS: Record<string, number> = {
	'BC-101': 3,
	'BC-102': 2.5,
	'BC-103': 1,
	'BC-104': 2.5,
	'BC-105': 1.5,
	'BC-106': 1.5,
	'BD-201': 3,
	'BD-202': 2.5,
	'BD-203': 2.5,
	'BD-204': 1.5,
	'WP-301': 1.5,
	'WP-302': 2,
	'WP-303': 1.5,
	'WP-304': 1,
	'SK-401': 1.5,
	'SK-402': 1.5,
	'SK-403': 1,
	'SK-404': 1,
	'CA-501': 1.5,
	'CA-502': 1.5,
	'CA-503': 1,
	'CA-504': 1,
	'HU-601': 2,
	'HU-602': 2,
	'HU-603': 1.5,
	'HU-604': 1.5,
	'OP-701': 1,
	'OP-702': 1,
	'MC-801': 1,
	'MC-802': 1
};

const good = (onTimeRate: number, meanLateDays: number, rejectRate: number): SupplierBehaviour => ({ onTimeRate, meanLateDays, rejectRate });

export const SUPPLIER_BEHAVIOUR: Record<string, SupplierBehaviour> = {
	S01: good(0.94, 2, 0.008),
	[UNRELIABLE_SUPPLIER]: good(0.58, 6, 0.07),
	S03: good(0.92, 3, 0.005),
	S04: good(0.9, 3, 0.01),
	S05: good(0.97, 1, 0.002),
	S06: good(0.95, 2, 0.003),
	S07: good(0.96, 1.5, 0.006),
	S08: good(0.98, 1, 0.002),
	S09: good(0.97, 1, 0.001),
	S10: good(0.98, 1, 0.001),
	S11: good(0.93, 2, 0.01),
	S12: good(0.94, 2, 0.008),
	S13: good(0.88, 4, 0.004),
	S14: good(0.96, 1.5, 0.004),
	S15: good(0.93, 2, 0.012)
};

const wc = (scrapRate: number, breakdownsPerWeek: number, meanRepairHours: number, speed: number): WorkCenterBehaviour => ({ scrapRate, breakdownsPerWeek, meanRepairHours, speed });

/** Scrap, breakdowns a week, mean repair hours, and the share of the ideal rate each runs at (OEE performance). */
export const WORK_CENTRE_BEHAVIOUR: Record<string, WorkCenterBehaviour> = {
	'CNC-L': wc(0.01, 0.6, 3, 0.93),
	// The oldest machining centres: the most breakdowns, and the slowest.
	'CNC-M': wc(0.015, 1.5, 4, 0.9),
	DRILL: wc(0.006, 0.4, 2, 0.95),
	GRIND: wc(0.008, 0.3, 3, 0.94),
	HEAT: wc(0.004, 0.15, 8, 0.97),
	PRESS: wc(0.012, 0.8, 2.5, 0.92),
	WELD: wc(0.012, 0.5, 2, 0.95),
	PAINT: wc(0.02, 0.3, 5, 0.96),
	'ASSY-1': wc(0.003, 0.2, 1.5, 0.94),
	'ASSY-2': wc(0.003, 0.2, 1.5, 0.94),
	TEST: wc(0.005, 0.1, 2, 0.96)
};

/** Customer orders per plant working day: the machining centres at about 85 % (tests/integration/seed). */
export const DEMO_ORDERS_PER_DAY = 17;

/** Customer ids do not depend on the seed: OEM plants order three times as often as a distributor. */
const CUSTOMER_WEIGHTS: Record<string, number> = Object.fromEntries(customerSpecs(1).map((c) => [c.id, c.department === 'OEM' ? 3 : 1]));

export const demoProfile: SimProfile = {
	ordersPerDay: DEMO_ORDERS_PER_DAY,
	orderQty: DEMO_LINE_QTY,
	rushShare: 0.04,
	customers: CUSTOMER_WEIGHTS,
	products: PRODUCT_WEIGHTS,
	suppliers: SUPPLIER_BEHAVIOUR,
	workCenters: WORK_CENTRE_BEHAVIOUR
};
