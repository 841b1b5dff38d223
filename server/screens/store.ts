// Wall screens as files: every screens/<id>.json is read and validated by the one schema
// (screens/schema.ts) at start, and read again when a file changes (an editor saving it, a deploy
// copying it), so a screen on the wall redraws itself without a restart. A file that does not validate
// is reported with the path of each problem and, if an earlier version was good, that version stays
// on the wall until the file is fixed.
import { readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { describeIssues, isScreenId, screenSchema, type Screen, type ScreenDefinition } from '../../screens/schema.ts';
import { kpiDefinition } from '../kpi/catalogue.ts';

export interface ScreenEntry {
	id: string;
	/** The last version that validated; null when none ever did. */
	screen: ScreenDefinition | null;
	/** What is wrong with the file as it is now (empty: nothing). */
	problems: string[];
}

export interface ScreenStore {
	get(id: string): ScreenEntry | undefined;
	list(): ScreenEntry[];
	/** Told after a file changed, with the screen as it now stands (or null: the file is gone). */
	onChange(listener: (id: string, entry: ScreenEntry | null) => void): () => void;
	/** Reads the folder again now (the watcher does it by itself). */
	reload(): void;
	close(): void;
}

/** Reads one file: the screen, or the problems that keep it off the wall. */
export function readScreen(file: string, id: string): { screen: ScreenDefinition } | { problems: string[] } {
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(file, 'utf8'));
	} catch (err) {
		return { problems: [`(file): not JSON: ${(err as Error).message}`] };
	}
	const parsed = screenSchema.safeParse(raw);
	if (!parsed.success) return { problems: describeIssues(parsed.error) };
	const problems = catalogueProblems(parsed.data);
	return problems.length ? { problems } : { screen: { ...parsed.data, id } };
}

/** What the schema cannot know: that each KPI is in the catalogue and can be cut by the dimension asked for. */
export function catalogueProblems(screen: Screen): string[] {
	const out: string[] = [];
	screen.widgets.forEach((w, i) => {
		if (!('kpi' in w)) return;
		const def = kpiDefinition(w.kpi);
		if (!def) return out.push(`widgets.${i}.kpi: no KPI is called ${w.kpi} (GET /api/kpis lists them)`);
		const dim = 'dim' in w && w.dim ? w.dim.slice(0, w.dim.indexOf(':')) : null;
		if (dim && !def.dims.includes(dim)) out.push(`widgets.${i}.dim: ${w.kpi} is not cut by ${dim}${def.dims.length ? ` (only by ${def.dims.join(', ')})` : ''}`);
		if (w.type === 'bars' && !def.dims.includes(w.by)) out.push(`widgets.${i}.by: ${w.kpi} is not cut by ${w.by}${def.dims.length ? ` (only by ${def.dims.join(', ')})` : ''}`);
	});
	return out;
}

export function openScreenStore(dir: string, log: Logger, opts: { watch?: boolean; debounceMs?: number } = {}): ScreenStore {
	const entries = new Map<string, ScreenEntry>();
	const listeners = new Set<(id: string, entry: ScreenEntry | null) => void>();
	let watcher: FSWatcher | null = null;
	let timer: NodeJS.Timeout | null = null;

	function files(): Map<string, string> {
		let names: string[] = [];
		try {
			names = readdirSync(dir);
		} catch (err) {
			log.warn({ err, dir }, 'screens: folder not readable; no wall screens');
		}
		const out = new Map<string, string>();
		for (const name of names) {
			const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
			if (isScreenId(id)) out.set(id, join(dir, name));
		}
		return out;
	}

	function reload() {
		const found = files();
		for (const [id, file] of found) {
			const before = entries.get(id);
			const read = readScreen(file, id);
			const entry: ScreenEntry = 'screen' in read ? { id, screen: read.screen, problems: [] } : { id, screen: before?.screen ?? null, problems: read.problems };
			if ('problems' in read) log.error({ screen: id, problems: read.problems }, before?.screen ? 'screens: file does not validate; the previous version stays up' : 'screens: file does not validate');
			if (before && JSON.stringify(before) === JSON.stringify(entry)) continue;
			entries.set(id, entry);
			for (const l of listeners) l(id, entry);
		}
		for (const id of [...entries.keys()]) {
			if (found.has(id)) continue;
			entries.delete(id);
			for (const l of listeners) l(id, null);
		}
	}

	reload();
	if (opts.watch !== false) {
		try {
			// Saving a file shows as one or more events on the folder; one read after they settle.
			watcher = watch(dir, () => {
				if (timer) clearTimeout(timer);
				timer = setTimeout(() => {
					timer = null;
					reload();
				}, opts.debounceMs ?? 150);
			});
			watcher.unref();
			watcher.on('error', (err) => log.warn({ err, dir }, 'screens: watching the folder failed; changes need a restart'));
		} catch (err) {
			log.warn({ err, dir }, 'screens: cannot watch the folder; changes need a restart');
		}
	}

	return {
		get: (id) => entries.get(id),
		list: () => [...entries.values()].sort((a, b) => a.id.localeCompare(b.id)),
		onChange(listener) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		},
		reload,
		close() {
			if (timer) clearTimeout(timer);
			watcher?.close();
			listeners.clear();
		}
	};
}
