// The form actions of the production pages: save a work centre and set its status; replace an item's
// routing; create a production order; release it, start an operation, report, issue components,
// complete and cancel on the order's page. They run the same commands as the REST API, as the signed-in user; a
// refused input comes back to its form as field issues with what was typed, and nothing is saved.
// `which` (and `seq` or `workCenterId` for the forms of one row) tells the page whose issues they are.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import type { FieldIssue } from '$lib/components/issues';
import { text } from '$lib/components/form-values';
import { readStatusForm, readWorkCenterForm, statusInput, workCenterInput } from '$lib/components/production/work-center-form';
import { readRoutingForm, routingInput } from '$lib/components/production/routing-form';
import { orderInput, readOrderForm } from '$lib/components/production/order-form';
import { cancelInput, issueInput, postedSeq, readCancelForm, readIssueForm, readReportForm, reportInput } from '$lib/components/production/order-actions';
import { execute, type Command } from '$server/commands/command.ts';
import { correctionAction } from '$lib/server/corrections';
import {
	cancelProductionOrder,
	changeWorkCenterStatus,
	completeProductionOrder,
	createProductionOrder,
	releaseProductionOrder,
	replaceRouting,
	reportProduction,
	saveWorkCenter,
	startOperation,
	reverseProductionReport
} from '$server/production/commands.ts';
import { issueStock } from '$server/inventory/commands.ts';
import type { User } from '$server/auth/users.ts';
import { workCenterExists } from '$server/production/work-center.queries.ts';
import { attempt } from '$lib/server/forms';

export const WORK_CENTERS = '/production/work-centers';
/** The list with one work centre shown in the form, with its history. */
export const workCenterHref = (id: string) => `${WORK_CENTERS}?wc=${encodeURIComponent(id)}`;
export const routingHref = (itemId: string) => `/production/routings/${encodeURIComponent(itemId)}`;
export const orderHref = (id: string) => `/production/orders/${encodeURIComponent(id)}`;


/**
 * Saves the work centre posted. `existing` is the code of the one being changed (the code field is
 * fixed then); without it the work centre is new, and a code already taken is refused rather than
 * overwritten (the command itself upserts).
 */
export async function saveWorkCenterForm(user: User, form: FormData) {
	const rt = await runtime();
	const values = readWorkCenterForm(form);
	const existing = text(form, 'existing');
	if (existing) values.workCenterId = existing;
	else if (values.workCenterId.trim()) {
		if (await workCenterExists(rt.db, values.workCenterId.trim())) {
			const issues: FieldIssue[] = [{ path: 'workCenterId', message: 'a work centre with this code exists already', code: 'ERR_WC_EXISTS' }];
			return fail(409, { which: 'workCenter' as const, existing: null, values, issues });
		}
	}
	const out = await attempt(() => execute(rt, saveWorkCenter, workCenterInput(values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'workCenter' as const, existing: existing || null, values, issues: out.issues });
	redirect(303, savedHref(workCenterHref(out.result.workCenterId), 'wc.saved', out.result.workCenterId));
}

export async function workCenterStatusForm(user: User, form: FormData) {
	const rt = await runtime();
	const workCenterId = text(form, 'workCenterId');
	const values = readStatusForm(form);
	const out = await attempt(() => execute(rt, changeWorkCenterStatus, statusInput(workCenterId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'status' as const, workCenterId, values, issues: out.issues });
	redirect(303, savedHref(WORK_CENTERS, 'wc.status', workCenterId));
}

/** Replaces the routing of `itemId` with the operations posted. */
export async function saveRoutingForm(user: User, form: FormData, itemId: string) {
	const rt = await runtime();
	const operations = readRoutingForm(form);
	const out = await attempt(() => execute(rt, replaceRouting, routingInput(itemId, operations), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'routing' as const, values: { operations }, issues: out.issues });
	redirect(303, savedHref(routingHref(itemId), 'routing.saved', itemId));
}

/** Creates the order posted and opens it; left without a number, the command assigns the next one. */
export async function createOrderForm(user: User, form: FormData) {
	const rt = await runtime();
	const values = readOrderForm(form);
	if (values.salesLineId.trim() && !values.salesOrderId.trim()) {
		const issues: FieldIssue[] = [{ path: 'salesOrderId', message: 'a sales order line needs its order', code: 'ERR_MO_LINE_WITHOUT_ORDER' }];
		return fail(400, { which: 'order' as const, values, issues });
	}
	const out = await attempt(() => execute(rt, createProductionOrder, orderInput(values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'order' as const, values, issues: out.issues });
	redirect(303, savedHref(orderHref(out.result.productionOrderId), 'mo.created', out.result.productionOrderId));
}

export async function releaseForm(user: User, id: string) {
	const rt = await runtime();
	const out = await attempt(() => execute(rt, releaseProductionOrder, { productionOrderId: id }, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'release' as const, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.released', id));
}

export async function startForm(user: User, form: FormData, id: string) {
	const rt = await runtime();
	const seq = postedSeq(form);
	const out = await attempt(() => execute(rt, startOperation, { productionOrderId: id, seq }, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'start' as const, seq: seq ?? null, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.started', id));
}

/** Good and scrap of one operation (`seq` posted), or of the order when it has no operations. */
export async function reportForm(user: User, form: FormData, id: string) {
	const rt = await runtime();
	const seq = postedSeq(form);
	const values = readReportForm(form);
	const out = await attempt(() => execute(rt, reportProduction, reportInput(id, seq, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'report' as const, seq: seq ?? null, values, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.reported', id));
}

export async function issueForm(user: User, form: FormData, id: string) {
	const rt = await runtime();
	const values = readIssueForm(form);
	const out = await attempt(() => execute(rt, issueStock, issueInput(id, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'issue' as const, values, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.issued', id));
}

export async function completeForm(user: User, id: string) {
	const rt = await runtime();
	const out = await attempt(() => execute(rt, completeProductionOrder, { productionOrderId: id }, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'complete' as const, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.completed', id));
}

/** Cancels with the reason chosen; without one, nothing is written and the reason field says so. */
export async function cancelForm(user: User, form: FormData, id: string) {
	const rt = await runtime();
	const values = readCancelForm(form);
	const out = await attempt(() => execute(rt, cancelProductionOrder, cancelInput(id, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'cancel' as const, values, issues: out.issues });
	redirect(303, savedHref(orderHref(id), 'mo.cancelled', id));
}

/** Takes one of the order's reports back, with a reason of the correction list. */
export const reverseReportForm = (user: User, form: FormData, id: string) =>
	correctionAction(user, form, { which: 'reverseReport', idName: 'reportId', command: reverseProductionReport as Command<never, unknown>, back: orderHref(id) });
