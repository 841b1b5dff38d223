// How every page shows a date or a moment: one format for both languages, ISO order with a 24-hour clock,
// `2026-12-06` and `2026-12-06 14:05`. Why ISO for English too: tables are compact, the date-only
// fields (requested, promised, due dates) are stored and typed in <input type=date> as YYYY-MM-DD, and
// Chinese factory software writes dates this way, so a page never mixes 2026年12月6日, 2026/12/6 and
// 6 Dec 2026. Moments are shown in the factory's time zone (the layout's `timeZone`), not the
// browser's, so the server's page and the hydrated one agree and a date reads as the shop floor's day.
// Not for the wall screens, which keep their own large clock formats.

// Building a formatter costs far more than formatting (lists date every row), so one is kept per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
		formatters.set(timeZone, f);
	}
	return f;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parts(instant: Date, timeZone: string) {
	const p = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
	return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const asDate = (instant: string | number | Date): Date | null => {
	const d = instant instanceof Date ? instant : new Date(instant);
	return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * A moment (ISO-8601 with offset, epoch ms or Date) as `2026-12-06 14:05` in `timeZone`. Something
 * that is not a moment is shown as it came (a history never hides what was recorded); null is empty.
 */
export function formatDateTime(instant: string | number | Date | null | undefined, timeZone: string): string {
	if (instant === null || instant === undefined || instant === '') return '';
	const d = asDate(instant);
	if (!d) return String(instant);
	const { date, time } = parts(d, timeZone);
	return `${date} ${time}`;
}

/**
 * A calendar date as `2026-12-06`: a date-only value (YYYY-MM-DD, already the factory's day) as it is,
 * a moment by the day it falls on in `timeZone`.
 */
export function formatDate(value: string | number | Date | null | undefined, timeZone: string): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value === 'string' && ISO_DATE.test(value)) return value;
	const d = asDate(value);
	return d ? parts(d, timeZone).date : String(value);
}
