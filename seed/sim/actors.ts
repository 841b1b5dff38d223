// Who does what in the simulated factory: a named user of the right role (the event log reads like a
// real factory's), chosen the same way for the same record, so one customer keeps one account manager
// and a work centre's reports come from its own workshop. Only when nobody has the role does a system
// actor with that role stand in.
import type { Actor } from '../../server/commands/command.ts';
import type { Role } from '../../server/auth/roles.ts';
import { userActor, type SimFactory, type SimUser } from './factory.ts';
import { stream } from './rng.ts';

export const SIMULATOR_SOURCE = 'simulator';

export function systemStandIn(role: Role): Actor {
	return { kind: 'system', id: `simulator-${role}`, name: `system:simulator`, roles: [role] };
}

export interface Actors {
	/** A user of `role` for `key` (stable per key) among those `only` accepts; a system stand-in when there is none. */
	pick(role: Role, key: string, only?: (u: SimUser) => boolean): Actor;
	/** Like pick, but any user of the role when none of the preferred ones has it. */
	prefer(role: Role, key: string, preferred: (u: SimUser) => boolean): Actor;
	/** Whether some user has the role. */
	has(role: Role): boolean;
}

export function actors(f: SimFactory, seed: number): Actors {
	return {
		pick(role, key, only) {
			const pool = (f.users.get(role) ?? []).filter((u) => !only || only(u));
			return pool.length ? userActor(stream(seed, 'actor', role, key).pick(pool)) : systemStandIn(role);
		},
		prefer(role, key, preferred) {
			const all = f.users.get(role) ?? [];
			return this.pick(role, key, all.some(preferred) ? preferred : undefined);
		},
		has: (role) => (f.users.get(role) ?? []).length > 0
	};
}
