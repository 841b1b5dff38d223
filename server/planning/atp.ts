// Discrete available-to-promise of the `atp` CLI (CONTRACTS.md, "CLI"): per MPS receipt, what is not
// yet committed to customer orders before the next one; non-cumulative, with look-ahead (a later
// period's shortfall is taken from the ATP of the periods before it, latest first). Pure.
import { z } from 'zod';
import { describeIssues, TextbookInputError } from './textbook.ts';

const perPeriod = z.array(z.number().nonnegative()).min(1);

export const atpProblemSchema = z
	.strictObject({ onHand: z.number().nonnegative(), mps: perPeriod, orders: perPeriod })
	.superRefine((p, ctx) => {
		if (p.orders.length !== p.mps.length) {
			ctx.addIssue({ code: 'custom', path: ['orders'], message: `has ${p.orders.length} periods, mps has ${p.mps.length}` });
		}
	});

export type AtpProblem = z.infer<typeof atpProblemSchema>;

/**
 * ATP in period 1 and in each period with an MPS receipt, 0 elsewhere. Period 1 may stay negative:
 * the orders already taken exceed what is on hand and scheduled.
 */
export function discreteAtp({ onHand, mps, orders }: AtpProblem): number[] {
	const n = mps.length;
	const atp = new Array<number>(n).fill(0);
	const starts = [0];
	for (let t = 1; t < n; t++) if (mps[t] > 0) starts.push(t);
	for (let s = 0; s < starts.length; s++) {
		const from = starts[s];
		const to = s + 1 < starts.length ? starts[s + 1] : n;
		let committed = 0;
		for (let t = from; t < to; t++) committed += orders[t];
		atp[from] = (from === 0 ? onHand : 0) + mps[from] - committed;
	}
	for (let s = starts.length - 1; s > 0; s--) {
		const t = starts[s];
		if (atp[t] < 0) {
			atp[starts[s - 1]] += atp[t];
			atp[t] = 0;
		}
	}
	return atp;
}

export function runAtpCli(json: unknown): { atp: number[] } {
	const r = atpProblemSchema.safeParse(json);
	if (!r.success) throw new TextbookInputError(describeIssues(r.error));
	return { atp: discreteAtp(r.data) };
}
