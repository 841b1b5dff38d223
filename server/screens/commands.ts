// Saving a wall screen from the editor (src/routes/screens/[id]/edit), and putting back an earlier
// version: the screen is checked by the one schema and against the KPI catalogue, then recorded as a
// `screen.saved` event with its whole definition and the next version number (server/screens/
// versions.ts). That event is what every node serves (server/screens/store.ts); a refused screen
// records nothing. After the commit the node that took the save also writes screens/<id>.json into its
// own folder (next to its final name, then moved into place), so the folder of a single node stays
// what its wall shows, dated as the save so that it does not count as a later edit (server/screens/
// store.ts); a folder it cannot write is logged, not an error: the save is in the database.
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { execute, type Actor, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { describeIssues, isScreenId, screenSchema, type Screen } from '../../screens/schema.ts';
import { catalogueProblems } from './store.ts';
import { nextScreenVersion, screenSavedAt, screenSavedSchema, screenVersion } from './versions.ts';

export { screenEventTypes } from './versions.ts';

const saveInput = screenSavedSchema.pick({ screenId: true, widgets: true, restoredFrom: true }).extend({ screen: z.record(z.string(), z.unknown()) });
type SaveInput = z.infer<typeof saveInput>;

const recordSave: Command<SaveInput, { screenId: string; version: number }> = {
	name: 'screen.save',
	input: saveInput,
	roles: ['manager'],
	async run(ctx, input) {
		const version = await nextScreenVersion(ctx.tx, input.screenId);
		return { events: [{ type: 'screen.saved', data: { ...input, version } }], result: { screenId: input.screenId, version } };
	}
};

/** Who may edit screens: managers (and admins). */
export const SCREEN_EDITORS = recordSave.roles;

/** Problems as field issues (`widgets.2.w: …` → path widgets.2.w). */
function issuesOf(problems: string[]) {
	return problems.map((p) => {
		const i = p.indexOf(': ');
		const path = p.slice(0, i);
		return { path: path === '(file)' ? '' : path, message: p.slice(i + 2) };
	});
}

function checkId(id: string) {
	if (!isScreenId(id)) throw new AppError('ERR_VALIDATION', 'a screen id is lower-case letters, digits and dashes', { issues: [{ path: 'id', message: 'lower-case letters, digits and dashes, at most 63' }] });
}

/** The screen as the schema and the catalogue accept it; throws ERR_VALIDATION with every problem by path. */
function checked(raw: unknown, prefix = ''): Screen {
	const parsed = screenSchema.safeParse(raw);
	const problems = parsed.success ? catalogueProblems(parsed.data) : describeIssues(parsed.error);
	if (!parsed.success || problems.length) {
		const issues = issuesOf(problems).map((i) => ({ ...i, path: prefix + i.path }));
		throw new AppError('ERR_VALIDATION', `the screen has ${problems.length} problem(s)`, { issues });
	}
	return parsed.data;
}

/** This node's copy in its folder, moved into place whole; the save stands whatever happens here. */
function writeLocalCopy(rt: Runtime, id: string, raw: unknown, savedAt: Date): void {
	const file = join(rt.config.screensDir, `${id}.json`);
	const temp = `${file}.saving-${process.pid}`;
	try {
		writeFileSync(temp, JSON.stringify(raw, null, '\t') + '\n');
		utimesSync(temp, savedAt, savedAt);
		renameSync(temp, file);
	} catch (err) {
		rt.log.warn({ err, screen: id }, 'screens: saved, but this node could not write its file; it serves the saved version');
	}
}

async function record(rt: Runtime, id: string, raw: Record<string, unknown>, screen: Screen, actor: Actor, restoredFrom?: number) {
	const out = await execute(rt, recordSave, { screenId: id, widgets: screen.widgets.length, screen: raw, ...(restoredFrom ? { restoredFrom } : {}) }, actor, 'ui');
	// This node redraws now; the others when the commit reaches them (and this one again, harmlessly).
	await rt.screens.sync();
	writeLocalCopy(rt, id, raw, (await screenSavedAt(rt.db, id, out.version)) ?? new Date());
	rt.screens.reload();
	return out.version;
}

/** Checks and records a screen as its next version; throws ERR_VALIDATION with every problem by path, recording nothing. */
export async function saveScreen(rt: Runtime, id: string, raw: unknown, actor: Actor): Promise<Screen & { version: number }> {
	checkId(id);
	const screen = checked(raw);
	const version = await record(rt, id, raw as Record<string, unknown>, screen, actor);
	return { ...screen, version };
}

const versionField = z.coerce.number().int().min(1);

/**
 * Puts an earlier version back, as a new version (the history keeps every step). The old definition
 * must still pass today's checks (a KPI may have left the catalogue): if not, nothing is recorded and
 * the problems are named under `version.`.
 */
export async function restoreScreen(rt: Runtime, id: string, version: unknown, actor: Actor): Promise<Screen & { version: number }> {
	checkId(id);
	const v = versionField.safeParse(version);
	if (!v.success) throw new AppError('ERR_VALIDATION', 'a version is a whole number from 1', { issues: [{ path: 'version', message: 'a whole number from 1' }] });
	const raw = await screenVersion(rt.db, id, v.data);
	if (raw === null) throw new AppError('ERR_VALIDATION', `screen ${id} has no version ${v.data}`, { issues: [{ path: 'version', message: `screen ${id} has no version ${v.data}` }] });
	const screen = checked(raw, 'version.');
	const next = await record(rt, id, raw as Record<string, unknown>, screen, actor, v.data);
	return { ...screen, version: next };
}
