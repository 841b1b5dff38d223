// The factory's calendar: which date an instant falls on in LIANDONG_TIMEZONE. Due dates, lateness
// and day buckets of every capability compare against it; `now` is always an argument.

/** The factory's calendar date (YYYY-MM-DD) of an instant. */
export function factoryDate(now: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
