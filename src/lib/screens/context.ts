// What every widget of a screen is drawn with: the language, the palette, the KPI catalogue's meanings,
// the pixel ratio charts render at, the factory's time zone and the messages.
import type { KpiMeta, Palette, ScreenLocale } from './look.ts';
import type { MessageKey } from '$lib/i18n';

export interface WidgetContext {
	locale: ScreenLocale;
	palette: Palette;
	kpis: Record<string, KpiMeta>;
	pixelRatio: number;
	timeZone: string;
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** The live values of a KPI window and trend (server/kpi/queries.ts). */
export interface WindowValue {
	value: number | null;
	num: number;
	den: number;
	target?: number;
	status?: 'ok' | 'warn' | 'bad';
}

export interface TrendValue {
	kpi: string;
	points: { date: string; value: number | null; num: number; den: number }[];
	target?: number;
}

export interface ByValue {
	kpi: string;
	by: string;
	rows: { key: string; name: string | null; value: number | null; num: number; den: number }[];
}
