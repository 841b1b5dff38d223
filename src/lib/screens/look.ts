// How a screen looks and speaks: the palettes of the two themes, a figure's colour by its thresholds,
// and numbers in the KPI's unit. Pure; shared by every widget.
export type Theme = 'dark' | 'light';
export type ScreenLocale = 'zh-CN' | 'en';

export interface Palette {
	bg: string;
	panel: string;
	border: string;
	text: string;
	muted: string;
	accent: string;
	accentSoft: string;
	ok: string;
	warn: string;
	bad: string;
	grid: string;
}

export const PALETTES: Record<Theme, Palette> = {
	dark: {
		bg: '#060d1a',
		panel: '#0d1b2e',
		border: '#1c3354',
		text: '#e8f1ff',
		muted: '#7f95b3',
		accent: '#3ab8ff',
		accentSoft: 'rgba(58,184,255,0.18)',
		ok: '#2fd08a',
		warn: '#ffb020',
		bad: '#ff4d5e',
		grid: '#1a2c47'
	},
	light: {
		bg: '#eef2f7',
		panel: '#ffffff',
		border: '#d4dde9',
		text: '#142033',
		muted: '#5d6f86',
		accent: '#0a6fd6',
		accentSoft: 'rgba(10,111,214,0.12)',
		ok: '#12965c',
		warn: '#c77800',
		bad: '#d42a3c',
		grid: '#e3e9f1'
	}
};

/** What a screen needs to know of a KPI (server/kpi/catalogue.ts). */
export interface KpiMeta {
	name: { 'zh-CN': string; en: string };
	unit: '%' | 'hours' | 'days' | 'CNY' | 'turns';
	direction: 'higher' | 'lower';
	target: number;
	warn: number;
	bad: number;
}

export type Status = 'ok' | 'warn' | 'bad';

/** ok while at least as good as warn, warn while at least as good as bad, else bad; null without a value. */
export function statusOf(value: number | null | undefined, m: { direction: 'higher' | 'lower'; warn: number; bad: number }): Status | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	const atLeast = (x: number, limit: number) => (m.direction === 'higher' ? x >= limit : x <= limit);
	return atLeast(value, m.warn) ? 'ok' : atLeast(value, m.bad) ? 'warn' : 'bad';
}

export const statusColour = (s: Status | null, p: Palette): string => (s ? p[s] : p.muted);

const UNIT_TEXT: Record<KpiMeta['unit'], { 'zh-CN': string; en: string }> = {
	'%': { 'zh-CN': '%', en: '%' },
	hours: { 'zh-CN': '小时', en: 'h' },
	days: { 'zh-CN': '天', en: 'd' },
	CNY: { 'zh-CN': '元', en: 'CNY' },
	turns: { 'zh-CN': '次', en: 'turns' }
};

export const unitText = (unit: KpiMeta['unit'], locale: ScreenLocale): string => UNIT_TEXT[unit][locale];

/** Decimals a unit is shown with unless a widget says otherwise. */
export function defaultDecimals(unit: KpiMeta['unit'], value: number): number {
	if (unit === 'CNY') return 0;
	if (unit === '%') return 1;
	return Math.abs(value) >= 100 ? 0 : 1;
}

/** A figure for the wall: grouped thousands; money in 万 / k above ten thousand. */
export function formatNumber(value: number | null | undefined, unit: KpiMeta['unit'] | null, locale: ScreenLocale, decimals?: number): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	if (unit === 'CNY' && Math.abs(value) >= 10_000) {
		const [v, suffix] = locale === 'zh-CN' ? [value / 10_000, '万'] : Math.abs(value) >= 1_000_000 ? [value / 1_000_000, 'M'] : [value / 1_000, 'k'];
		return v.toLocaleString(locale, { maximumFractionDigits: decimals ?? 1, minimumFractionDigits: decimals ?? 1 }) + suffix;
	}
	const d = decimals ?? (unit ? defaultDecimals(unit, value) : 0);
	return value.toLocaleString(locale, { maximumFractionDigits: d, minimumFractionDigits: d });
}

/** hh:mm (and the date when it is not today) of an instant, in the factory's time zone. */
export function clockText(at: number, timeZone: string, locale: ScreenLocale, withSeconds = false): string {
	return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }).format(at);
}

export function dateText(at: number, timeZone: string, locale: ScreenLocale): string {
	return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short' }).format(at);
}
