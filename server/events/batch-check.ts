// Rules on quantities that add up (shipped ≤ ordered, received ≤ ordered, stock ≥ 0) checked on the
// state a batch's own write returns: the state before the batch is what the write returned minus the
// batch's quantities, and the batch's events are then decided one by one, in batch order, by the same
// pure decision the command uses. Pure: plain rows in, the first refusal out.
import type { Refusal } from './refusal.ts';

export interface Move {
	eventId: string;
	/** The row the event changes (e.g. order and line). */
	key: string;
	/** What it adds to the row's running figure. */
	qty: number;
}

/**
 * `after` holds, per row key, the row's facts as the write left them; `figure`/`withFigure` read and
 * set the running quantity in them; `decide` is the rule. Rows not in `after` are not checked.
 */
export function firstRefusal<F>(
	moves: Move[],
	after: Map<string, F>,
	figure: (f: F) => number,
	withFigure: (f: F, n: number) => F,
	decide: (before: F, m: Move) => Refusal | null
): { eventId: string; refusal: Refusal } | null {
	const added = new Map<string, number>();
	for (const m of moves) added.set(m.key, (added.get(m.key) ?? 0) + m.qty);
	const running = new Map<string, number>();
	for (const [k, f] of after) running.set(k, figure(f) - (added.get(k) ?? 0));
	for (const m of moves) {
		const f = after.get(m.key);
		if (f === undefined) continue;
		const before = running.get(m.key)!;
		const refusal = decide(withFigure(f, before), m);
		if (refusal) return { eventId: m.eventId, refusal };
		running.set(m.key, before + m.qty);
	}
	return null;
}
