// The live plan's day buckets: bucket 0 is the factory's today (LIANDONG_TIMEZONE), bucket n the
// n-th day after it, `buckets` days in the horizon. Dates are calendar dates YYYY-MM-DD.
import { addDays, dayNumber, factoryDate } from '../shared/factory-date.ts';

export interface PlanCalendar {
	/** The date of bucket 0. */
	startDate: string;
	/** Buckets in the horizon: 0 … buckets-1. */
	buckets: number;
}

export function planCalendar(now: Date, timeZone: string, horizonDays: number): PlanCalendar {
	return { startDate: factoryDate(now, timeZone), buckets: horizonDays };
}

/** The bucket of a date: negative before today, `buckets` or more beyond the horizon. */
export function bucketOf(cal: PlanCalendar, date: string): number {
	return dayNumber(date) - dayNumber(cal.startDate);
}

export function dateOf(cal: PlanCalendar, bucket: number): string {
	return addDays(cal.startDate, bucket);
}

/** Whole days of lead time: part of a day takes the day. */
export function wholeDays(days: number): number {
	return Math.max(0, Math.ceil(days - 1e-9));
}
