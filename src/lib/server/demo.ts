// The demo factory as pages see it (server/demo/state.ts): whether to show the preparation banner,
// and the demo accounts the sign-in page lists. Only in demo mode (LIANDONG_DEMO); a demo state left
// in a database opened without it is not shown.
import { demoAccounts, readDemoState, type DemoAccount, type DemoStatus, type Label } from '$server/demo/state.ts';
import type { Runtime } from './runtime';

/** What every visitor may see of the preparation: no error details (those are in the server log). */
export interface DemoProgressView {
	status: DemoStatus;
	step: string | null;
	label: Label | null;
	percent: number;
}

export async function demoProgress(rt: Runtime): Promise<DemoProgressView | null> {
	if (!rt.config.demo) return null;
	const s = await readDemoState(rt.db);
	return s ? { status: s.status, step: s.step, label: s.stepLabel, percent: s.percent } : null;
}

/** The sign-in page's list: null when not in demo mode or no demo was ever claimed here. */
export async function signInAccounts(rt: Runtime): Promise<{ status: DemoStatus; accounts: DemoAccount[] } | null> {
	if (!rt.config.demo) return null;
	const s = await readDemoState(rt.db);
	return s ? { status: s.status, accounts: await demoAccounts(rt.db, s) } : null;
}
