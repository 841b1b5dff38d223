// How the simulated factory's partners and machines behave: the profile's figures with defaults for
// what it leaves out, and the decisions they make, each a pure function of the seed and the record it
// is about (a purchase order line, an inspection, a report), so a decision comes out the same however
// often it is asked, and after a restart.
import { addDays } from '../../server/shared/factory-date.ts';
import type { SimProfile, SupplierBehaviour, WorkCenterBehaviour } from './profile.ts';
import { stream } from './rng.ts';

export const DEFAULT_SUPPLIER: SupplierBehaviour = Object.freeze({ onTimeRate: 0.93, meanLateDays: 2, rejectRate: 0.01 });
export const DEFAULT_WORK_CENTER: WorkCenterBehaviour = Object.freeze({ scrapRate: 0.015, breakdownsPerWeek: 0.4, meanRepairHours: 2.5 });

/** A profile for a factory nobody described: a few orders a day for every ten products. */
export function defaultProfile(products: number): SimProfile {
	return { ordersPerDay: Math.max(2, Math.round(products * 0.4)), rushShare: 0.05 };
}

export const supplierBehaviour = (p: SimProfile, supplierId: string): SupplierBehaviour => p.suppliers?.[supplierId] ?? DEFAULT_SUPPLIER;
export const workCenterBehaviour = (p: SimProfile, workCenterId: string): WorkCenterBehaviour => p.workCenters?.[workCenterId] ?? DEFAULT_WORK_CENTER;
/** Share of the ideal rate a work centre runs at, when its profile does not say. */
export const DEFAULT_SPEED = 0.95;
/** Minutes a unit takes on the work centre: its ideal run minutes at the work centre's speed. */
export const actualRunMinutes = (p: SimProfile, workCenterId: string, runMinutesPerUnit: number): number =>
	runMinutesPerUnit / (workCenterBehaviour(p, workCenterId).speed ?? DEFAULT_SPEED);

/** One delivery of a purchase order line: on `date`, at `hour` (factory time), bringing the line up to `upTo`. */
export interface Delivery {
	date: string;
	hour: number;
	upTo: number;
}

/** What a supplier does with one line: when it arrives (in one or two deliveries) and whether it says so first. */
export interface LinePlan {
	/** Days after the agreed date the line is complete (0: on time). */
	lateDays: number;
	deliveries: Delivery[];
	/** Days before the agreed date the supplier announces the delay; null: it does not (the goods are just late). */
	noticeDaysBefore: number | null;
}

/** Share of lines delivered in two parts. */
const PARTIAL_SHARE = 0.12;

/** The supplier's plan for a line agreed for `agreedDate`, of quantity `qty`. */
export function linePlan(seed: number, poId: string, lineId: string, agreedDate: string, qty: number, b: SupplierBehaviour): LinePlan {
	const r = stream(seed, 'po-line', poId, lineId);
	const late = !r.chance(b.onTimeRate);
	// Late by about the mean, seldom more than three times it.
	const lateDays = late ? Math.min(Math.max(2, Math.round(b.meanLateDays * 3)), Math.max(1, Math.round(r.exp(Math.max(1, b.meanLateDays))))) : 0;
	const hour = r.int(8, 16);
	const complete = addDays(agreedDate, lateDays);
	const partial = qty >= 4 && r.chance(PARTIAL_SHARE);
	const deliveries: Delivery[] = [];
	if (partial) {
		// Most of it a few days before the line is complete (on time: before the agreed date), the rest then.
		const share = 0.5 + r.next() * 0.4;
		const first = Math.max(1, Math.floor(qty * share));
		deliveries.push({ date: addDays(complete, -r.int(1, 3)), hour, upTo: first });
		deliveries.push({ date: complete, hour: r.int(8, 16), upTo: qty });
	} else {
		deliveries.push({ date: complete, hour, upTo: qty });
	}
	const last = deliveries[deliveries.length - 1];
	const finalLate = Math.round((Date.parse(last.date) - Date.parse(agreedDate)) / 86_400_000);
	const noticeDaysBefore = finalLate > 0 && r.chance(0.7) ? r.int(0, 3) : null;
	return { lateDays: finalLate, deliveries, noticeDaysBefore };
}

/** How much of `waiting` received goods inspection rejects: most lots are clean, a few have a defect share. */
export function rejectedQty(seed: number, poId: string, lineId: string, inspectedBefore: number, waiting: number, b: SupplierBehaviour): number {
	if (b.rejectRate <= 0 || waiting <= 0) return 0;
	const r = stream(seed, 'inspection', poId, lineId, inspectedBefore);
	const lotShare = Math.min(0.6, b.rejectRate * 6);
	if (!r.chance(lotShare)) return 0;
	const defectShare = Math.min(1, (b.rejectRate / lotShare) * (0.5 + r.next()));
	const rejected = Math.round(waiting * defectShare);
	return Math.min(waiting, Math.max(1, rejected));
}

/**
 * Scrap at an operation that makes `qty` good units: binomial around the work centre's rate. Operators
 * make up ordinary scrap with a few more units (it is reported on top of the good ones); now and then a
 * bad batch scraps more than can be made up, and the order comes out short.
 */
export function scrapQty(seed: number, productionOrderId: string, seq: number, reportedBefore: number, qty: number, b: WorkCenterBehaviour): { scrap: number; madeUp: boolean } {
	if (b.scrapRate <= 0 || qty <= 0) return { scrap: 0, madeUp: true };
	const r = stream(seed, 'scrap', productionOrderId, seq, reportedBefore);
	const bad = r.chance(0.04);
	const scrap = r.binomial(Math.floor(qty), bad ? Math.min(0.5, b.scrapRate * 5) : b.scrapRate);
	return { scrap: Math.min(qty, scrap), madeUp: !bad };
}

/** Hours a breakdown that began at `downAt` takes to repair (at least a quarter of an hour). */
export function repairHours(seed: number, workCenterId: string, downAt: number, b: WorkCenterBehaviour): number {
	return Math.max(0.25, stream(seed, 'repair', workCenterId, downAt).exp(b.meanRepairHours));
}
