// The demo factory's state as every node and page reads it (table demo_state): whether a first start
// claimed this database for the demo, how far its preparation is, and which demo accounts exist. The
// demo itself (plant, history, simulator) lives in seed/; this module only records and answers.
import type { Db, Queryable } from '../db/db.ts';

/** The one password of every demo account, shown on the sign-in page in demo mode. */
export const DEMO_PASSWORD = 'demo1234';

export type DemoStatus = 'loading' | 'ready' | 'failed';
export type Label = { 'zh-CN': string; en: string };

/** A demo account as the sign-in page lists it. */
export interface DemoAccount {
	username: string;
	displayName: string;
	roles: string[];
	department?: string;
	title: Label;
}

export interface DemoState {
	status: DemoStatus;
	step: string | null;
	stepLabel: Label | null;
	/** 0–100. */
	percent: number;
	accounts: DemoAccount[];
	error: string | null;
	startedAt: string;
	finishedAt: string | null;
}

interface Row {
	status: DemoStatus;
	step: string | null;
	step_label: Label | null;
	percent: number;
	accounts: DemoAccount[];
	error: string | null;
	started_at: Date | string;
	finished_at: Date | string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

export async function readDemoState(q: Queryable): Promise<DemoState | null> {
	const r = (
		await q.query<Row>('select status, step, step_label, percent::float8 as percent, accounts, error, started_at, finished_at from demo_state where id = 1')
	).rows[0];
	if (!r) return null;
	return {
		status: r.status,
		step: r.step,
		stepLabel: r.step_label,
		percent: r.percent,
		accounts: r.accounts,
		error: r.error,
		startedAt: iso(r.started_at),
		finishedAt: r.finished_at ? iso(r.finished_at) : null
	};
}

/**
 * Whether the database holds nothing a person entered: events of user and token administration (an
 * administrator from LIANDONG_ADMIN_PASSWORD) and plans of nothing do not count.
 */
export async function isEmptyForDemo(q: Queryable): Promise<boolean> {
	const r = await q.query<{ n: number }>(
		`select coalesce(sum(n), 0)::float8 as n from event_counts
		where type not like 'user.%' and type not like 'token.%' and type <> 'plan.generated'`
	);
	return Number(r.rows[0].n) === 0;
}

/** Claims the database for the demo; false when a demo was ever claimed here (by any node). */
export async function claimDemo(db: Db): Promise<boolean> {
	const r = await db.query(`insert into demo_state (id, status) values (1, 'loading') on conflict (id) do nothing`);
	return r.rowCount === 1;
}

export async function setDemoProgress(q: Queryable, step: string, label: Label, percent: number): Promise<void> {
	await q.query(`update demo_state set step = $1, step_label = $2, percent = $3, updated_at = now() where id = 1 and status = 'loading'`, [
		step,
		JSON.stringify(label),
		Math.max(0, Math.min(100, percent))
	]);
}

export async function setDemoAccounts(q: Queryable, accounts: DemoAccount[]): Promise<void> {
	await q.query('update demo_state set accounts = $1, updated_at = now() where id = 1', [JSON.stringify(accounts)]);
}

export async function finishDemo(q: Queryable): Promise<void> {
	await q.query(`update demo_state set status = 'ready', percent = 100, updated_at = now(), finished_at = now() where id = 1`);
}

export async function failDemo(q: Queryable, error: string): Promise<void> {
	await q.query(`update demo_state set status = 'failed', error = $1, updated_at = now(), finished_at = now() where id = 1`, [error.slice(0, 2000)]);
}

/** The demo accounts that still exist and may sign in, in the order the demo created them. */
export async function demoAccounts(q: Queryable, state: DemoState): Promise<DemoAccount[]> {
	if (!state.accounts.length) return [];
	const r = await q.query<{ username: string; display_name: string; roles: string[] }>(
		'select username, display_name, roles from users where username = any($1::text[]) and disabled_at is null',
		[state.accounts.map((a) => a.username)]
	);
	const live = new Map(r.rows.map((u) => [u.username, u]));
	return state.accounts.flatMap((a) => {
		const u = live.get(a.username);
		return u ? [{ ...a, displayName: u.display_name, roles: u.roles }] : [];
	});
}
