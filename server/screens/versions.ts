// Versions of wall screens in the event log: each save or roll back through the editor is a
// `screen.saved` event carrying the whole definition and its version number, projected into
// screen_versions. This is what every node shares; the files in a node's folder are its own.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { Projector } from '../events/projectors.ts';

const screenIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const screenSavedSchema = z.strictObject({
	screenId: screenIdField,
	/** Widgets on it after the save (a playlist: 0). */
	widgets: z.number().int().min(0),
	/** 1, 2, … per screen; absent on saves recorded before screens were versioned. */
	version: z.number().int().min(1).optional(),
	/** The definition as saved (checked by screens/schema.ts before it was recorded). */
	screen: z.record(z.string(), z.unknown()).optional(),
	/** A roll back: the version whose definition this one puts back. */
	restoredFrom: z.number().int().min(1).optional()
});
export type ScreenSaved = z.infer<typeof screenSavedSchema>;

export const screenEventTypes = [
	{ type: 'screen.saved', commandOnly: true, schema: screenSavedSchema, description: 'A wall screen was saved or rolled back from the editor: its version and whole definition (screens/<screenId>.json).' }
];

export const screenSaved: Projector<ScreenSaved> = {
	type: 'screen.saved',
	async apply(tx, events) {
		const rows = events
			.filter((e) => e.data.version !== undefined && e.data.screen !== undefined)
			.map((e) => ({ id: e.id, screen_id: e.data.screenId, version: e.data.version, definition: e.data.screen, restored_from: e.data.restoredFrom ?? null, actor: e.actor ?? null, at: e.receivedAt }));
		if (!rows.length) return;
		await tx.query(
			`insert into screen_versions (event_id, screen_id, version, definition, restored_from, actor, saved_at)
			select id, screen_id, version, definition, restored_from, actor, at
			from jsonb_to_recordset($1::jsonb) as x(id uuid, screen_id text, version integer, definition jsonb, restored_from integer, actor text, at timestamptz)
			on conflict (event_id) do nothing`,
			[JSON.stringify(rows)]
		);
	}
};

export async function resetScreenVersions(tx: Queryable): Promise<void> {
	await tx.exec('truncate screen_versions');
}

export interface SavedScreen {
	id: string;
	version: number;
	definition: unknown;
	/** When the save committed (the event's receivedAt). */
	savedAt: Date;
}

export interface ScreenVersionRow {
	version: number;
	savedAt: string;
	actor: string | null;
	restoredFrom: number | null;
	widgets: number;
	title: { 'zh-CN'?: string; en?: string } | null;
}

/** The latest saved version of every screen that has one. */
export async function latestSavedScreens(q: Queryable): Promise<SavedScreen[]> {
	const r = await q.query<{ screen_id: string; version: number; definition: unknown; saved_at: Date | string }>(
		`select distinct on (screen_id) screen_id, version, definition, saved_at from screen_versions order by screen_id, version desc`
	);
	return r.rows.map((x) => ({ id: x.screen_id, version: x.version, definition: x.definition, savedAt: new Date(x.saved_at) }));
}

/** One screen's versions, newest first. */
export async function screenHistory(q: Queryable, screenId: string, limit = 50): Promise<ScreenVersionRow[]> {
	const r = await q.query<{ version: number; saved_at: Date | string; actor: string | null; restored_from: number | null; widgets: number; title: ScreenVersionRow['title'] }>(
		`select version, saved_at, actor, restored_from, coalesce(jsonb_array_length(definition->'widgets'), 0)::int as widgets, definition->'title' as title
		from screen_versions where screen_id = $1 order by version desc limit $2`,
		[screenId, limit]
	);
	return r.rows.map((x) => ({ version: x.version, savedAt: new Date(x.saved_at).toISOString(), actor: x.actor, restoredFrom: x.restored_from, widgets: x.widgets, title: x.title }));
}

/** When a version was saved, or null when the screen has no such version. */
export async function screenSavedAt(q: Queryable, screenId: string, version: number): Promise<Date | null> {
	const r = await q.query<{ saved_at: Date | string }>('select saved_at from screen_versions where screen_id = $1 and version = $2', [screenId, version]);
	return r.rows[0] ? new Date(r.rows[0].saved_at) : null;
}

/** A version's definition, or null when the screen has no such version. */
export async function screenVersion(q: Queryable, screenId: string, version: number): Promise<unknown | null> {
	const r = await q.query<{ definition: unknown }>('select definition from screen_versions where screen_id = $1 and version = $2', [screenId, version]);
	return r.rows[0]?.definition ?? null;
}

/**
 * The number the next version of a screen gets. Takes a transaction-scoped lock on the screen first,
 * so two saves of one screen at once on two nodes number one after the other.
 */
export async function nextScreenVersion(tx: Queryable, screenId: string): Promise<number> {
	await tx.query(`select pg_advisory_xact_lock(hashtext('screen_versions:' || $1))`, [screenId]);
	const r = await tx.query<{ n: number }>('select coalesce(max(version), 0)::int + 1 as n from screen_versions where screen_id = $1', [screenId]);
	return r.rows[0].n;
}
