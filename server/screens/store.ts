// Wall screens from two places: every screens/<id>.json in this node's folder, read and validated by
// the one schema (screens/schema.ts) at start and again when a file changes (a deploy copying it, a
// hand edit), and the versions saved or rolled back through the editor, which live in the event log
// (server/screens/versions.ts) and so reach every node: at start, after each commit that saved one
// (the bus), after the bus lost messages, and by a slow poll in case one was lost anyway.
// What wins for one screen: the newer. The latest saved version, unless this node's file was changed
// after that save (its modification time is later than the commit); then the file, on this node only,
// until the next save or roll back, which wins again everywhere. A screen saved through the editor
// stays up when its file is removed. A screen that does not validate is reported with the path of each
// problem and, if an earlier version was good (or, at start, the file), that stays on the wall meanwhile.
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { describeIssues, isScreenId, screenSchema, type Screen, type ScreenDefinition } from '../../screens/schema.ts';
import { kpiDefinition } from '../kpi/catalogue.ts';
import type { SavedScreen } from './versions.ts';

export interface ScreenEntry {
	id: string;
	/** The last version that validated; null when none ever did. */
	screen: ScreenDefinition | null;
	/** What is wrong with the file as it is now (empty: nothing). */
	problems: string[];
	/** Where the screen on the wall comes from: this node's file, or a version saved through the editor. */
	source: 'file' | 'saved';
	/** The latest version saved through the editor, null when there is none. */
	savedVersion: number | null;
}

export interface ScreenStore {
	get(id: string): ScreenEntry | undefined;
	list(): ScreenEntry[];
	/** Told after a file changed, with the screen as it now stands (or null: the file is gone). */
	onChange(listener: (id: string, entry: ScreenEntry | null) => void): () => void;
	/** Reads the folder again now (the watcher does it by itself). */
	reload(): void;
	/** Reads the saved versions again now (the runtime does it after each commit that saved one). */
	sync(): Promise<void>;
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
	return validScreen(raw, id);
}

/** A definition (a file's, a saved version's): the screen, or the problems that keep it off the wall. */
export function validScreen(raw: unknown, id: string): { screen: ScreenDefinition } | { problems: string[] } {
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

export interface StoreOptions {
	watch?: boolean;
	debounceMs?: number;
	/** The latest saved version of every screen (server/screens/versions.ts); without it, files only. */
	saved?: () => Promise<SavedScreen[]>;
}

interface FileRead {
	read: { screen: ScreenDefinition } | { problems: string[] };
	/** Last modification, ms since the epoch. */
	changedAt: number;
}

export function openScreenStore(dir: string, log: Logger, opts: StoreOptions = {}): ScreenStore {
	const entries = new Map<string, ScreenEntry>();
	const fromFiles = new Map<string, FileRead>();
	const saved = new Map<string, SavedScreen & { read: { screen: ScreenDefinition } | { problems: string[] } }>();
	const listeners = new Set<(id: string, entry: ScreenEntry | null) => void>();
	let watcher: FSWatcher | null = null;
	let timer: NodeJS.Timeout | null = null;
	let syncing: Promise<void> = Promise.resolve();

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

	function changedAt(file: string): number {
		try {
			return statSync(file).mtimeMs;
		} catch {
			return 0;
		}
	}

	/** A node starting on a saved version that no longer validates shows its own file meanwhile, if that does. */
	const lastGood = (file: FileRead | undefined) => (file && 'screen' in file.read ? file.read.screen : null);

	/** The screen each id shows now, by the rule at the top; tells listeners what changed. */
	function settle() {
		for (const id of new Set([...fromFiles.keys(), ...saved.keys()])) {
			const file = fromFiles.get(id);
			const version = saved.get(id);
			// A millisecond of slack: a file dated as the save (the saving node's copy) is not a later edit.
			const useSaved = version && (!file || version.savedAt.getTime() + 1 >= file.changedAt);
			const read = useSaved ? version.read : file!.read;
			const before = entries.get(id);
			const source = useSaved ? 'saved' : 'file';
			const entry: ScreenEntry = 'screen' in read
				? { id, screen: read.screen, problems: [], source, savedVersion: version?.version ?? null }
				: { id, screen: before?.screen ?? lastGood(file), problems: read.problems, source, savedVersion: version?.version ?? null };
			if ('problems' in read) log.error({ screen: id, source, problems: read.problems }, before?.screen ? 'screens: screen does not validate; the previous version stays up' : 'screens: screen does not validate');
			entries.set(id, entry);
			// Listeners hear of what the wall shows: the same screen from another source is no news.
			if (before && JSON.stringify([before.screen, before.problems]) === JSON.stringify([entry.screen, entry.problems])) continue;
			for (const l of listeners) l(id, entry);
		}
		for (const id of [...entries.keys()]) {
			if (fromFiles.has(id) || saved.has(id)) continue;
			entries.delete(id);
			for (const l of listeners) l(id, null);
		}
	}

	function reload() {
		fromFiles.clear();
		for (const [id, file] of files()) fromFiles.set(id, { read: readScreen(file, id), changedAt: changedAt(file) });
		settle();
	}

	async function readSaved() {
		if (!opts.saved) return;
		const latest = await opts.saved();
		let changed = false;
		for (const v of latest) {
			const known = saved.get(v.id);
			if (known && known.version >= v.version) continue;
			saved.set(v.id, { ...v, read: validScreen(v.definition, v.id) });
			changed = true;
		}
		if (changed) settle();
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
		// One read at a time, in order: a slow read never puts an older version back over a newer one.
		sync: () => (syncing = syncing.then(readSaved, readSaved)),
		close() {
			if (timer) clearTimeout(timer);
			watcher?.close();
			listeners.clear();
		}
	};
}
