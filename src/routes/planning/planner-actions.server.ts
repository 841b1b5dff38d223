// The one-click answers of the planner's pages: firm a planned order, move a production order to the
// date the plan needs it, flag a purchase order line for the buyer to expedite. They run the commands
// by name through the same registry as POST /api/commands/<name>, as the signed-in user; a refusal
// comes back to the row it was clicked on (`which` and `id`), and nothing is saved.
import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { text } from '$lib/components/form-values';
import { COMMANDS } from '$server/commands/registry.ts';
import { execute } from '$server/commands/command.ts';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';

/** The commands behind the buttons; `planned_order.firm` belongs to the plan-to-order link. */
export const FIRM = 'planned_order.firm';
export const RESCHEDULE = 'production_order.reschedule';
export const EXPEDITE = 'purchase_order.request_expedite';

export type PlannerAction = 'firm' | 'reschedule' | 'expedite';

/** Whether the user's roles allow each button (a command not offered by this installation allows none). */
export function plannerCan(roles: readonly string[]): Record<PlannerAction, boolean> {
	const may = (name: string) => !!COMMANDS[name] && hasAnyRole(roles, COMMANDS[name].command.roles as readonly Role[]);
	return { firm: may(FIRM) || (!COMMANDS[FIRM] && hasAnyRole(roles, ['planner'])), reschedule: may(RESCHEDULE), expedite: may(EXPEDITE) };
}

async function run(locals: App.Locals, url: URL, which: PlannerAction, name: string, id: string, input: Record<string, unknown>) {
	const user = requireUser(locals, url);
	const entry = COMMANDS[name];
	if (!entry) {
		// Firming arrives with the plan-to-order link; until then the button says so instead of failing silently.
		return fail(501, { which, id, done: null, issues: [{ path: '', message: `command ${name} is not available`, code: 'ERR_NOT_FOUND' as const }] });
	}
	const rt = await runtime();
	const out = await attempt(() => execute(rt, entry.command, input as never, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which, id, done: null, issues: out.issues });
	return { which, id, done: which, issues: [] };
}

export async function firmAction(locals: App.Locals, url: URL, form: FormData) {
	const plannedOrderId = text(form, 'plannedOrderId');
	return run(locals, url, 'firm', FIRM, plannedOrderId, { plannedOrderId });
}

export async function rescheduleAction(locals: App.Locals, url: URL, form: FormData) {
	const productionOrderId = text(form, 'productionOrderId');
	const reason = text(form, 'reason');
	return run(locals, url, 'reschedule', RESCHEDULE, productionOrderId, { productionOrderId, dueDate: text(form, 'dueDate'), ...(reason && { reason }) });
}

export async function expediteAction(locals: App.Locals, url: URL, form: FormData) {
	const poId = text(form, 'poId');
	const lineId = text(form, 'lineId');
	const note = text(form, 'note');
	return run(locals, url, 'expedite', EXPEDITE, `${poId}/${lineId}`, { poId, lineId, ...(note && { note }) });
}
