import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenSchema, widgetTopics, describeIssues, inLocale, type ScreenInput } from '../../../screens/schema.ts';
import { readScreen } from '../../../server/screens/store.ts';
import { parseKpiByTopic, parseKpiTopic, parseKpiTrendTopic } from '../../../server/kpi/topics.ts';
import { ROOT } from '../../support/paths.ts';

const SCREENS = join(ROOT, 'screens');

const base = (widgets: unknown[], extra: Record<string, unknown> = {}): ScreenInput =>
	({ schemaVersion: 1, title: { 'zh-CN': '测试', en: 'Test' }, widgets, ...extra }) as ScreenInput;

function problems(input: unknown): string[] {
	const r = screenSchema.safeParse(input);
	return r.success ? [] : describeIssues(r.error);
}

describe('screen files', () => {
	it('the default screens all load, and every topic they follow is one the server serves', () => {
		const files = readdirSync(SCREENS).filter((f) => f.endsWith('.json'));
		expect(files.sort()).toEqual(['plant-overview.json', 'production.json', 'purchasing-supply.json', 'quality.json', 'sales-delivery.json', 'wall.json']);
		for (const f of files) {
			const r = readScreen(join(SCREENS, f), f.replace('.json', ''));
			expect({ f, r: 'problems' in r ? r.problems : [] }).toEqual({ f, r: [] });
			if (!('screen' in r)) continue;
			for (const w of r.screen.widgets) {
				for (const topic of widgetTopics(w)) {
					const known = ['orders:progress', 'alerts:open', 'shortages', 'capacity:load', 'production:gantt'].includes(topic) || parseKpiTopic(topic) || parseKpiTrendTopic(topic) || parseKpiByTopic(topic);
					expect({ f, widget: w.id, topic, known: Boolean(known) }).toEqual({ f, widget: w.id, topic, known: true });
				}
			}
		}
	});

	it('fills in what a file leaves out: the design size, theme, language, rows and each widget’s defaults', () => {
		const s = screenSchema.parse(base([{ id: 'a', type: 'kpi', kpi: 'otd', x: 0, y: 0, w: 6, h: 3 }]));
		expect(s).toMatchObject({ design: { width: 1920, height: 1080 }, theme: 'dark', locale: 'zh-CN', rows: 12 });
		expect(s.widgets[0]).toMatchObject({ window: '30d', trendDays: 14 });
		expect(widgetTopics(s.widgets[0])).toEqual(['kpi:otd:30d', 'kpi-trend:otd:14d']);
	});

	it('names the field of every problem', () => {
		expect(problems(base([{ id: 'a', type: 'kpi', kpi: 'otd', x: 20, y: 0, w: 6, h: 3 }]))).toEqual(["widgets.0.w: reaches past the grid's 24 columns (x + w = 26)"]);
		expect(problems(base([{ id: 'a', type: 'kpi', kpi: 'otd', x: 0, y: 10, w: 6, h: 3 }]))).toEqual(["widgets.0.h: reaches past the screen's 12 rows (y + h = 13)"]);
		expect(problems(base([{ id: 'a', type: 'gauge', kpi: 'otd', x: 0, y: 0, w: 6, h: 3, window: 'year' }]))[0]).toMatch(/^widgets\.0\.window: /);
		expect(problems(base([{ id: 'a', type: 'sparkle', x: 0, y: 0, w: 6, h: 3 }]))[0]).toMatch(/^widgets\.0\.type: /);
		expect(problems(base([{ id: 'a', type: 'orders', x: 0, y: 0, w: 6, h: 3, colour: 'red' }]))[0]).toMatch(/^widgets\.0: .*colour/);
		expect(problems(base([
			{ id: 'a', type: 'alerts', x: 0, y: 0, w: 6, h: 1 },
			{ id: 'a', type: 'alerts', x: 6, y: 0, w: 6, h: 1 }
		]))).toEqual(['widgets.1.id: another widget is already called a']);
		expect(problems(base([]))).toEqual(['widgets: a screen needs at least one widget (or a playlist)']);
		expect(problems({ ...base([{ id: 'a', type: 'alerts', x: 0, y: 0, w: 6, h: 1 }]), playlist: { screens: ['x'] } })).toEqual(['widgets: a playlist shows other screens: it has no widgets of its own']);
		expect(problems({ ...base([]), title: {} })[0]).toMatch(/^title: give zh-CN or en/);
		expect(problems({ ...base([{ id: 'a', type: 'alerts', x: 0, y: 0, w: 6, h: 1 }]), schemaVersion: 2 })[0]).toMatch(/^schemaVersion: /);
	});

	it('refuses a KPI the catalogue does not have, or a dimension the KPI is not cut by', async () => {
		const { mkdtempSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const dir = mkdtempSync(join(tmpdir(), 'screens-'));
		const file = join(dir, 'x.json');
		writeFileSync(file, JSON.stringify(base([
			{ id: 'a', type: 'kpi', kpi: 'happiness', x: 0, y: 0, w: 6, h: 3 },
			{ id: 'b', type: 'bars', kpi: 'oee', by: 'customer', x: 6, y: 0, w: 6, h: 3 },
			{ id: 'c', type: 'gauge', kpi: 'otd', dim: 'workCenter:WC-1', x: 12, y: 0, w: 6, h: 3 }
		])));
		expect(readScreen(file, 'x')).toEqual({
			problems: [
				'widgets.0.kpi: no KPI is called happiness (GET /api/kpis lists them)',
				'widgets.1.by: oee is not cut by customer (only by workCenter)',
				'widgets.2.dim: otd is not cut by workCenter (only by customer, item)'
			]
		});
		writeFileSync(file, '{ "schemaVersion": 1, ');
		expect(readScreen(file, 'x')).toEqual({ problems: [expect.stringMatching(/^\(file\): not JSON: /)] });
	});

	it('shows the other language where one is missing', () => {
		expect(inLocale({ 'zh-CN': '质量' }, 'en')).toBe('质量');
		expect(inLocale({ en: 'Quality' }, 'zh-CN')).toBe('Quality');
		expect(inLocale({ 'zh-CN': '质量', en: 'Quality' }, 'en')).toBe('Quality');
	});

	it('reads the screens’ topic names: trends of 7 to 90 days, breakdowns by the KPI’s own dimensions', () => {
		expect(parseKpiTrendTopic('kpi-trend:otd:14d')).toEqual({ kpi: 'otd', days: 14 });
		expect(parseKpiTrendTopic('kpi-trend:otd:30d:customer:C-1')).toEqual({ kpi: 'otd', days: 30, dim: 'customer:C-1' });
		expect(parseKpiTrendTopic('kpi-trend:otd:6d')).toBeNull();
		expect(parseKpiTrendTopic('kpi-trend:otd:91d')).toBeNull();
		expect(parseKpiTrendTopic('kpi-trend:nope:14d')).toBeNull();
		expect(parseKpiByTopic('kpi-by:oee:7d:workCenter')).toEqual({ kpi: 'oee', window: '7d', by: 'workCenter' });
		expect(parseKpiByTopic('kpi-by:oee:7d:customer')).toBeNull();
		expect(parseKpiByTopic('kpi-by:oee:year:workCenter')).toBeNull();
	});
});
