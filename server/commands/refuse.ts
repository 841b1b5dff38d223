// The command side of server/events/refusal.ts: a decision's refusal as the CommandRejected a command
// throws (409 with the field's path), so commands and projector guards share one rule and one code.
import type { Refusal } from '../events/refusal.ts';
import type { ErrorCode } from '../errors.ts';
import { CommandRejected } from './command.ts';

export function refuse(r: Refusal | null | undefined): void {
	if (r) throw rejected(r);
}

/** The error to throw for a refusal that is certain (`throw rejected(…)` lets TypeScript narrow). */
export function rejected(r: Refusal): CommandRejected {
	return new CommandRejected<ErrorCode>(r.code, r.path, r.message, r.params as never);
}
