// Waiting for the alerts reaction in tests: returns once its cursor has passed every event committed
// before the call (one catch-up is not enough on a shared PostgreSQL server, where an open transaction
// elsewhere holds the cursor back).
import type { Runtime } from '../../../server/runtime.ts';
import { ALERTS_REACTION } from '../../../server/alerts/evaluate.ts';
import { readCursor } from '../../../server/jobs/consumer.ts';
import { KINDS_BY_EVENT } from '../../../server/alerts/rules.ts';

const TYPES = [...Object.keys(KINDS_BY_EVENT), 'alert_rule.upserted'];

export async function alertsSettled(rt: Runtime): Promise<void> {
	const last = (
		await rt.db.query<{ tx: string; seq: string }>('select tx::text as tx, seq::text as seq from events where type = any($1::text[]) order by tx desc, seq desc limit 1', [TYPES])
	).rows[0];
	if (!last) return;
	const reaction = rt.reactions.get(ALERTS_REACTION)!;
	for (;;) {
		await reaction.catchUp();
		const at = await readCursor(rt.db, ALERTS_REACTION);
		if (at && (BigInt(at.tx) > BigInt(last.tx) || (at.tx === last.tx && at.seq >= Number(last.seq)))) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
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
