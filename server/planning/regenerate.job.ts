// Regenerative planning as a timed job: nightly, just after midnight in the factory's time zone, so
// the plan's day buckets start at the new today; and once at start (runtime.ts runs the job then).
// One node runs it (the job's lock); the others' net changes see its plan in plan_state.
import type { Job } from '../jobs/scheduler.ts';
import type { Planner } from './run.ts';

export const REGENERATE_JOB = 'planning.regenerate';

export function regenerateJob(planner: Planner): Job {
	return {
		name: REGENERATE_JOB,
		schedule: '5 0 * * *',
		async run() {
			const r = await planner.regenerate(planner.hasPlan() ? 'nightly' : 'startup');
			return { planId: r.planId, outcome: r.outcome, items: r.items, plannedOrders: r.plannedOrders, exceptions: r.exceptions, ms: r.ms };
		}
	};
}
