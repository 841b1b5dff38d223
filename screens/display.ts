// What the page that draws a wall screen needs of its definition at run time: the text in a language and
// the live topics each widget follows. Free of zod (screens/schema.ts validates), so that the screen's
// page loads no validator it never runs.
import type { Widget } from './schema.ts';

export type Bilingual = { 'zh-CN'?: string; en?: string };

/** The text in a language, else in the other one. */
export function inLocale(t: Bilingual | undefined, locale: 'zh-CN' | 'en'): string {
	if (!t) return '';
	return (locale === 'en' ? t.en ?? t['zh-CN'] : t['zh-CN'] ?? t.en) ?? '';
}

const suffix = (dim: string | undefined) => (dim ? `:${dim}` : '');

/** The live topics a widget follows (server/kpi/topics.ts, server/live/board-topics.ts). */
export function widgetTopics(w: Widget): string[] {
	switch (w.type) {
		case 'kpi':
			return [`kpi:${w.kpi}:${w.window}${suffix(w.dim)}`, `kpi-trend:${w.kpi}:${w.trendDays}d${suffix(w.dim)}`];
		case 'gauge':
			return [`kpi:${w.kpi}:${w.window}${suffix(w.dim)}`];
		case 'trend':
			return [`kpi-trend:${w.kpi}:${w.days}d${suffix(w.dim)}`];
		case 'bars':
			return [`kpi-by:${w.kpi}:${w.window}:${w.by}`];
		case 'orders':
			return ['orders:progress'];
		case 'alerts':
			return ['alerts:open'];
		case 'shortages':
			return ['shortages'];
		case 'heatmap':
			return ['capacity:load'];
		case 'gantt':
			return ['production:gantt'];
		case 'counter':
			return [`kpi:${w.kpi}:${w.window}`];
	}
}
