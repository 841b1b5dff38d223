// The one schema of a wall screen (screens/<id>.json), shared by the server, which loads, validates and
// hot-reloads the files (server/screens/store.ts), and by the page that draws them (src/routes/screens).
// A screen is data: a title in both languages, the size it was designed for, a theme and a language,
// and widgets on a 24-column grid, each bound to live topics (server/live, server/kpi/topics.ts). A
// playlist is a screen without widgets that shows other screens in turn.
import { z } from 'zod';

export const SCHEMA_VERSION = 1;
export const GRID_COLUMNS = 24;

export const KPI_WINDOWS = ['today', '7d', '30d', 'mtd'] as const;
export type ScreenKpiWindow = (typeof KPI_WINDOWS)[number];
/** Dimensions a KPI can be cut by on a screen (server/kpi/catalogue.ts names them per KPI). */
export const KPI_DIMENSIONS = ['workCenter', 'supplier', 'customer', 'item'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63');
const kpiId = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a KPI id of the catalogue, such as otd');
const text = z.string().trim().min(1).max(120);
/** Both languages; the other one is shown where one is missing. */
const bilingual = z.strictObject({ 'zh-CN': text.optional(), en: text.optional() }).refine((t) => t['zh-CN'] || t.en, 'give zh-CN or en');

/** A figure's colour: good while as good as `warn`, a warning while as good as `bad`, else bad (server/kpi/catalogue.ts). */
const thresholds = {
	target: z.number().finite().optional(),
	warn: z.number().finite().optional(),
	bad: z.number().finite().optional(),
	decimals: z.number().int().min(0).max(3).optional()
};

const place = {
	id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and -, at most 40'),
	title: bilingual.optional(),
	/** Grid cell of the top-left corner (columns 0–23, rows from 0) and the size in cells. */
	x: z.number().int().min(0).max(GRID_COLUMNS - 1),
	y: z.number().int().min(0).max(99),
	w: z.number().int().min(1).max(GRID_COLUMNS),
	h: z.number().int().min(1).max(100)
};

const kpiRef = {
	kpi: kpiId,
	window: z.enum(KPI_WINDOWS).default('30d'),
	/** One value of a dimension, as the API names it: "workCenter:WC-01". */
	dim: z.string().regex(/^[a-zA-Z]+:.{1,100}$/, 'a dimension and a value, such as workCenter:WC-01').optional()
};

export const widgetSchema = z.discriminatedUnion('type', [
	/** A KPI's value over a window against its target, coloured by its thresholds, with a trend of the last days and the change since yesterday. */
	z.strictObject({ type: z.literal('kpi'), ...place, ...kpiRef, ...thresholds, trendDays: z.number().int().min(7).max(90).default(14) }),
	/** The same value on a dial with the threshold bands. */
	z.strictObject({ type: z.literal('gauge'), ...place, ...kpiRef, ...thresholds }),
	/** A KPI per factory day over the last days, with its target line. */
	z.strictObject({ type: z.literal('trend'), ...place, kpi: kpiId, dim: kpiRef.dim, ...thresholds, days: z.number().int().min(7).max(90).default(30), area: z.boolean().default(true) }),
	/** A KPI per value of a dimension (work centre, supplier, customer, item), best or worst first; stacked: met and missed counts. */
	z.strictObject({
		type: z.literal('bars'),
		...place,
		kpi: kpiId,
		window: kpiRef.window,
		by: z.enum(KPI_DIMENSIONS),
		top: z.number().int().min(3).max(20).default(8),
		stacked: z.boolean().default(false),
		...thresholds
	}),
	/** Open sales orders by earliest due date with progress; late and at-risk rows stand out; scrolls when longer than the widget. */
	z.strictObject({ type: z.literal('orders'), ...place, rows: z.number().int().min(3).max(50).default(10), scrollSeconds: z.number().int().min(2).max(60).default(6) }),
	/** Open alerts, most severe first, running along one line. */
	z.strictObject({ type: z.literal('alerts'), ...place }),
	/** The plan's shortages with the sales order lines they hit. */
	z.strictObject({ type: z.literal('shortages'), ...place, rows: z.number().int().min(3).max(50).default(8) }),
	/** Load per work centre and day (% of capacity). */
	z.strictObject({ type: z.literal('heatmap'), ...place, days: z.number().int().min(5).max(14).default(10) }),
	/** Open production orders as bars from release to due date, with their progress and today's line (production:gantt). */
	z.strictObject({
		type: z.literal('gantt'),
		...place,
		rows: z.number().int().min(3).max(30).default(10),
		daysBack: z.number().int().min(0).max(30).default(7),
		daysAhead: z.number().int().min(3).max(60).default(14)
	}),
	/** A figure of a KPI window as a flip counter: today's good output is production_yield's numerator. */
	z.strictObject({
		type: z.literal('counter'),
		...place,
		kpi: kpiId.default('production_yield'),
		window: kpiRef.window.default('today'),
		field: z.enum(['num', 'den', 'value']).default('num'),
		unit: bilingual.optional(),
		digits: z.number().int().min(3).max(9).default(6)
	})
]);

export type Widget = z.output<typeof widgetSchema>;
export type WidgetType = Widget['type'];

const playlistSchema = z.strictObject({
	/** Screen ids shown in turn (playlists cannot nest). */
	screens: z.array(id).min(1).max(20),
	seconds: z.number().int().min(5).max(3600).default(30)
});

export const screenSchema = z
	.strictObject({
		schemaVersion: z.literal(SCHEMA_VERSION),
		title: bilingual,
		/** The size the layout was designed for; the page scales it to fit any display, keeping its proportions. */
		design: z.strictObject({ width: z.number().int().min(640).max(7680), height: z.number().int().min(360).max(4320) }).default({ width: 1920, height: 1080 }),
		theme: z.enum(['dark', 'light']).default('dark'),
		locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
		/** Grid rows the design height is divided into. */
		rows: z.number().int().min(4).max(100).default(12),
		widgets: z.array(widgetSchema).max(60).default([]),
		playlist: playlistSchema.optional()
	})
	.superRefine((s, ctx) => {
		if (s.playlist && s.widgets.length) ctx.addIssue({ code: 'custom', path: ['widgets'], message: 'a playlist shows other screens: it has no widgets of its own' });
		if (!s.playlist && !s.widgets.length) ctx.addIssue({ code: 'custom', path: ['widgets'], message: 'a screen needs at least one widget (or a playlist)' });
		const ids = new Set<string>();
		s.widgets.forEach((w, i) => {
			if (ids.has(w.id)) ctx.addIssue({ code: 'custom', path: ['widgets', i, 'id'], message: `another widget is already called ${w.id}` });
			ids.add(w.id);
			if (w.x + w.w > GRID_COLUMNS) ctx.addIssue({ code: 'custom', path: ['widgets', i, 'w'], message: `reaches past the grid's ${GRID_COLUMNS} columns (x + w = ${w.x + w.w})` });
			if (w.y + w.h > s.rows) ctx.addIssue({ code: 'custom', path: ['widgets', i, 'h'], message: `reaches past the screen's ${s.rows} rows (y + h = ${w.y + w.h})` });
		});
	});

export type Screen = z.output<typeof screenSchema>;
export type ScreenInput = z.input<typeof screenSchema>;
export type { Bilingual } from './display.ts';

/** A screen as the server hands it out: its id (the file name) and, for a playlist, nothing more to fetch. */
export type ScreenDefinition = Screen & { id: string };

export const isScreenId = (v: string): boolean => id.safeParse(v).success;

// What the page drawing a screen needs at run time, kept apart so that it does not load zod.
export { inLocale, widgetTopics } from './display.ts';

/** Where a screen file's problem is, as `widgets.2.kpi: …`: what the server logs and the editor shows. */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`);
}
