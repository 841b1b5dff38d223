// A declared state machine (after Odoo's mrp_production): the transitions are data, documented where
// they are declared, and every writer asks them — commands before they emit, projector guards before
// an ingested event applies, projectors in the `where` of their updates (`sourcesOf`) — so a status
// string is never decided in five places.
import type { Refusal } from './refusal.ts';

export type Transitions = Record<string, readonly string[]>;

export interface StateMachine<T extends Transitions> {
	readonly transitions: T;
	can(from: keyof T & string, to: keyof T & string): boolean;
	/** The states an entity may reach `to` from: what a projector's `where status = any(…)` allows. */
	sourcesOf(to: keyof T & string): (keyof T & string)[];
	/** Null when allowed; else the refusal with this machine's stable code, on `path`. */
	refusal(from: keyof T & string, to: keyof T & string, path: string, subject: string): Refusal | null;
}

export function stateMachine<T extends Transitions>(
	transitions: T,
	refused: {
		/** The stable error code of a refused transition, by the state it tried to reach. */
		code: (to: keyof T & string) => string;
		/** What a person reads; `subject` names the entity ("requisition PR-1"). */
		message: (from: keyof T & string, to: keyof T & string, subject: string) => string;
	}
): StateMachine<T> {
	type S = keyof T & string;
	const can = (from: S, to: S) => (transitions[from] ?? []).includes(to);
	return {
		transitions,
		can,
		sourcesOf: (to) => (Object.keys(transitions) as S[]).filter((from) => can(from, to)),
		refusal: (from, to, path, subject) => (can(from, to) ? null : { code: refused.code(to), path, message: refused.message(from, to, subject) })
	};
}
