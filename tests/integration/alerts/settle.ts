// Waiting for the alerts reaction in tests: returns once its cursor has passed every event committed
// before the call (one catch-up is not enough on a shared PostgreSQL server, where an open transaction
// elsewhere holds the cursor back).
import type { Runtime } from '../../../server/runtime.ts';
import { ALERTS_REACTION } from '../../../server/alerts/evaluate.ts';
import { reactionSettled } from '../../support/settle.ts';
import { KINDS_BY_EVENT } from '../../../server/alerts/rules.ts';

const TYPES = [...Object.keys(KINDS_BY_EVENT), 'alert_rule.upserted'];

export async function alertsSettled(rt: Runtime): Promise<void> {
	await reactionSettled(rt, ALERTS_REACTION, TYPES);
}

/** A clock the test moves by hand. */
export function handClock(start: string) {
	let t = new Date(start);
	return {
		now: () => new Date(t),
		set: (iso: string) => void (t = new Date(iso)),
		advanceMinutes: (m: number) => void (t = new Date(t.getTime() + m * 60_000))
	};
}
