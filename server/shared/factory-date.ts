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
