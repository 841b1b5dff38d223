// Dates a person enters for something still to happen — a requested date, a need-by date, an expected
// or due date — must not lie before the factory's today, unless the input says so (`allowPastDates`:
// the form's "use the past date anyway"). A rule of user entry only, checked by the commands: events
// from an ERP or MES carry history (backfills, late postings, the demo's past days) whose dates were
// future when they were decided, so ingest and replay never apply it. Time is the command's `now`.
import { z } from 'zod';
import { CommandRejected } from '../commands/command.ts';
import { factoryDate } from './factory-date.ts';

/** The confirmation a command input may carry to keep a date before today. */
export const allowPastDates = z.boolean({ message: 'must be true or false' }).optional();

export interface DatedField {
	/** The input path, e.g. "lines.0.requestedDate". */
	path: string;
	date: string | undefined;
}

/** The first date before `today` (YYYY-MM-DD, the factory's), or null. Pure. */
export function firstPastDate(fields: readonly DatedField[], today: string): DatedField | null {
	return fields.find((f) => f.date !== undefined && f.date < today) ?? null;
}

/** Refuses the first date before the factory's today unless `allow`: 409 ERR_DATE_PAST on its field. */
export function refusePastDates(ctx: { now: Date; config: { timeZone: string } }, fields: readonly DatedField[], allow: boolean | undefined): void {
	if (allow) return;
	const today = factoryDate(ctx.now, ctx.config.timeZone);
	const past = firstPastDate(fields, today);
	if (past) {
		throw new CommandRejected('ERR_DATE_PAST', past.path, `${past.date} is before today (${today}); send allowPastDates: true to keep it`, { date: past.date!, today });
	}
}
