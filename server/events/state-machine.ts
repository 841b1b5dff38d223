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
	/** Null when allowed; else the refusal with this machine's stable code, on `path`; `id` names the entity. */
	refusal(from: keyof T & string, to: keyof T & string, path: string, id: string): Refusal | null;
}

export function stateMachine<T extends Transitions>(
	transitions: T,
	/** A refused transition: its stable code (server/errors.ts) with that code's parameters, and what a person reads. */
	refused: (from: keyof T & string, to: keyof T & string, path: string, id: string) => Refusal
): StateMachine<T> {
	type S = keyof T & string;
	const can = (from: S, to: S) => (transitions[from] ?? []).includes(to);
	return {
		transitions,
		can,
		sourcesOf: (to) => (Object.keys(transitions) as S[]).filter((from) => can(from, to)),
		refusal: (from, to, path, id) => (can(from, to) ? null : refused(from, to, path, id))
	};
}
