// How a simulated factory behaves, beside what its master data says: demand, supplier reliability,
// scrap and breakdowns. The simulator reads the factory itself (items, BOMs, routings, work centres,
// customers, suppliers, users) from the database; a profile only tunes the randomness. Everything a
// profile leaves out gets a default from the simulator, so `simulate` runs against any factory.
export interface SupplierBehaviour {
	/** Share of PO lines delivered by their expected date (0..1). */
	onTimeRate: number;
	/** Mean days late of the lines that are late. */
	meanLateDays: number;
	/** Share of received quantity rejected at incoming inspection (0..1). */
	rejectRate: number;
}

export interface WorkCenterBehaviour {
	/** Scrap as a share of reported quantity (0..1). */
	scrapRate: number;
	/** Breakdowns per week of running time. */
	breakdownsPerWeek: number;
	/** Mean hours until a breakdown is repaired. */
	meanRepairHours: number;
	/**
	 * The share of its ideal rate the work centre runs at (0..1]: slow cycles and short stops nobody
	 * reports make an operation take its run minutes per unit / speed (default 0.95). OEE performance.
	 */
	speed?: number;
}

export interface SimProfile {
	/** Customer orders per working day on average (Poisson), before the daily and weekly rhythm. */
	ordersPerDay: number;
	/** Share of orders that are rush orders (short requested date, priority 1). */
	rushShare: number;
	/** Relative order weight per customer id (absent: 1). */
	customers?: Record<string, number>;
	/** Relative demand weight per finished product id (absent: 1). */
	products?: Record<string, number>;
	suppliers?: Record<string, SupplierBehaviour>;
	workCenters?: Record<string, WorkCenterBehaviour>;
	/** Units per order line, drawn evenly between the two and rounded to fives or tens (default 10–120; rush orders half). */
	orderQty?: { min: number; max: number };
	/** Days from entry to the requested date of an order (default 10–28). */
	leadDays?: { min: number; max: number };
	/** The same for rush orders (default 2–5). */
	rushLeadDays?: { min: number; max: number };
}
