// Saving a wall screen from the editor (src/routes/screens/[id]/edit): the screen is checked by the
// one schema and against the KPI catalogue, written next to its final name, recorded as a
// `screen.saved` event (who changed which screen), and only then moved into place — so a refused
// screen leaves the folder as it was, and the watcher redraws every wall showing it.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { execute, type Actor, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { describeIssues, isScreenId, screenSchema, type Screen } from '../../screens/schema.ts';
import { catalogueProblems } from './store.ts';

const screenSavedSchema = z.strictObject({
	screenId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
	/** Widgets on it after the save (a playlist: 0). */
	widgets: z.number().int().min(0)
});

export const screenEventTypes = [{ type: 'screen.saved', commandOnly: true, schema: screenSavedSchema, description: 'A wall screen was saved from the editor (its file: screens/<screenId>.json).' }];

const recordSave: Command<z.infer<typeof screenSavedSchema>, { screenId: string }> = {
	name: 'screen.save',
	input: screenSavedSchema,
	roles: ['manager'],
	async run(_ctx, input) {
		return { events: [{ type: 'screen.saved', data: input }], result: { screenId: input.screenId } };
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

/** Checks, records and writes a screen; throws ERR_VALIDATION with every problem by path, writing nothing. */
export async function saveScreen(rt: Runtime, id: string, raw: unknown, actor: Actor): Promise<Screen> {
	if (!isScreenId(id)) throw new AppError('ERR_VALIDATION', 'a screen id is lower-case letters, digits and dashes', { issues: [{ path: 'id', message: 'lower-case letters, digits and dashes, at most 63' }] });
	const parsed = screenSchema.safeParse(raw);
	const problems = parsed.success ? catalogueProblems(parsed.data) : describeIssues(parsed.error);
	if (!parsed.success || problems.length) throw new AppError('ERR_VALIDATION', `the screen has ${problems.length} problem(s)`, { issues: issuesOf(problems) });
	const file = join(rt.config.screensDir, `${id}.json`);
	const temp = `${file}.saving-${process.pid}`;
	writeFileSync(temp, JSON.stringify(raw, null, '\t') + '\n');
	try {
		await execute(rt, recordSave, { screenId: id, widgets: parsed.data.widgets.length }, actor, 'ui');
	} catch (err) {
		rmSync(temp, { force: true });
		throw err;
	}
	renameSync(temp, file);
	rt.screens.reload();
	return parsed.data;
}
