// The form actions of the purchasing pages: raise, approve or reject a requisition; place an order;
// confirm, delay, receive and inspect an order's line. They run the same commands as the REST API, as
// the signed-in user; a refused input comes back to its form as field issues with what was typed, and
// nothing is saved. `which` (and `lineId` for a line's forms) tells the page whose issues they are.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { readRequisitionForm, requisitionInput } from '$lib/components/purchasing/requisition-form';
import { poInput, readPoForm } from '$lib/components/purchasing/po-form';
import {
	confirmInput,
	confirmIssuePath,
	delayInput,
	inspectInput,
	readLineForm,
	receiveInput
} from '$lib/components/purchasing/line-forms';
import { text } from '$lib/components/form-values';
import { execute, type Command } from '$server/commands/command.ts';
import { correctionAction } from '$lib/server/corrections';
import {
	approveRequisition,
	confirmPurchaseOrder,
	createRequisition,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	recordInspection,
	rejectRequisition,
	reverseInspection,
	reverseReceipt
} from '$server/purchasing/commands.ts';
import type { User } from '$server/auth/users.ts';
import { attempt } from '$lib/server/forms';
import { customFieldsOf, readCustomInput } from '$lib/server/custom-fields';

export const requisitionHref = (id: string) => `/purchasing/requisitions/${encodeURIComponent(id)}`;
export const orderHref = (poId: string) => `/purchasing/orders/${encodeURIComponent(poId)}`;


/** Raises the requisition posted and opens it; left without a number, the command assigns the next one. */
export async function createRequisitionForm(user: User, form: FormData) {
	const rt = await runtime();
	const values = readRequisitionForm(form);
	const out = await attempt(() => execute(rt, createRequisition, requisitionInput(values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'requisition' as const, values, issues: out.issues });
	redirect(303, savedHref(requisitionHref(out.result.requisitionId), 'req.created', out.result.requisitionId));
}

/** Approves or rejects the step waiting; the command checks it is the user's step. */
export async function decideForm(user: User, form: FormData, requisitionId: string, decision: 'approve' | 'reject') {
	const rt = await runtime();
	const values = { note: text(form, 'note') };
	const note = values.note.trim() ? { note: values.note } : {};
	const out = await attempt(() =>
		decision === 'approve'
			? execute(rt, approveRequisition, { requisitionId, ...note }, userActor(user), 'ui')
			: execute(rt, rejectRequisition, { requisitionId, ...note }, userActor(user), 'ui')
	);
	if ('issues' in out) return fail(out.status, { which: 'decision' as const, values, issues: out.issues });
	redirect(303, savedHref(requisitionHref(requisitionId), decision === 'approve' ? 'req.approved' : 'req.rejected', requisitionId));
}

/** Places the order posted and opens it; left without a number, the command assigns the next one. */
export async function placeOrderForm(user: User, form: FormData) {
	const rt = await runtime();
	const values = readPoForm(form);
	const custom = readCustomInput(form, await customFieldsOf(rt.db, 'purchase_order'));
	const input = { ...poInput(values), ...(custom.input ? { custom: custom.input } : {}) };
	const out = await attempt(() => execute(rt, placePurchaseOrder, input, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'order' as const, values, custom: custom.values, issues: out.issues });
	redirect(303, savedHref(orderHref(out.result.poId), 'po.placed', out.result.poId));
}

export async function confirmForm(user: User, form: FormData, poId: string) {
	const rt = await runtime();
	const { lineId, values } = readLineForm('confirm', form);
	const out = await attempt(() => execute(rt, confirmPurchaseOrder, confirmInput(poId, lineId, values), userActor(user), 'ui'));
	if ('issues' in out) {
		const issues = out.issues.map((i) => ({ ...i, path: confirmIssuePath(i.path) }));
		return fail(out.status, { which: 'confirm' as const, lineId, values, issues });
	}
	redirect(303, savedHref(orderHref(poId), 'po.confirmed', poId));
}

export async function delayForm(user: User, form: FormData, poId: string) {
	const rt = await runtime();
	const { lineId, values } = readLineForm('delay', form);
	const out = await attempt(() => execute(rt, delayPurchaseOrder, delayInput(poId, lineId, values, form.get('allowPastDates') === '1'), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'delay' as const, lineId, values, issues: out.issues });
	redirect(303, savedHref(orderHref(poId), 'po.delayed', poId));
}

export async function receiveForm(user: User, form: FormData, poId: string) {
	const rt = await runtime();
	const { lineId, values } = readLineForm('receive', form);
	const out = await attempt(() => execute(rt, receiveGoods, receiveInput(poId, lineId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'receive' as const, lineId, values, issues: out.issues });
	redirect(303, savedHref(orderHref(poId), 'po.received', poId));
}

export async function inspectForm(user: User, form: FormData, poId: string) {
	const rt = await runtime();
	const { lineId, values } = readLineForm('inspect', form);
	const out = await attempt(() => execute(rt, recordInspection, inspectInput(poId, lineId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'inspect' as const, lineId, values, issues: out.issues });
	redirect(303, savedHref(orderHref(poId), 'po.inspected', poId));
}

/** Takes one of the order's receipts back (before inspection), with a reason of the correction list. */
export const reverseReceiptForm = (user: User, form: FormData, poId: string) =>
	correctionAction(user, form, { which: 'reverseReceipt', idName: 'receiptId', command: reverseReceipt as Command<never, unknown>, back: orderHref(poId) });

/** Takes one of the order's inspections back, with a reason of the correction list: its goods return to QC. */
export const reverseInspectionForm = (user: User, form: FormData, poId: string) =>
	correctionAction(user, form, { which: 'reverseInspection', idName: 'inspectionId', command: reverseInspection as Command<never, unknown>, back: orderHref(poId) });
