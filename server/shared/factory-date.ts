// The factory's calendar: which date an instant falls on in LIANDONG_TIMEZONE. Due dates, lateness
// and day buckets of every capability compare against it; `now` is always an argument.

// Building a formatter costs far more than formatting (lists date every row), so one is kept per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The factory's calendar date (YYYY-MM-DD) of an instant. */
export function factoryDate(now: Date, timeZone: string): string {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		formatters.set(timeZone, f);
	}
	return f.format(now);
}

/** Days since 1970-01-01 of a calendar date (YYYY-MM-DD): whole days, no time zone involved. */
export function dayNumber(isoDate: string): number {
	return Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000;
}

/** The calendar date `days` after `isoDate` (before it when negative). */
export function addDays(isoDate: string, days: number): string {
	return new Date((dayNumber(isoDate) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the (ISO) week that holds `isoDate`. Day 0 of dayNumber, 1970-01-01, was a Thursday. */
export function mondayOf(isoDate: string): string {
	return addDays(isoDate, -((((dayNumber(isoDate) + 3) % 7) + 7) % 7));
}
