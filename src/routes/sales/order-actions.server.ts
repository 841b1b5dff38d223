// The form actions of the sales pages: enter an order; ship, promise, change and cancel on an order's
// page. They run the same commands as the REST API, as the signed-in user; a refused input comes back
// to its form as field issues with what was typed, and nothing is saved. `which` (and `lineId` for
// the forms of one line) tells the page which form the issues belong to.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { text } from '$lib/components/form-values';
import { orderInput, promiseLinesInput, promisePathOnLines, readOrderForm } from '$lib/components/sales/order-form';
import {
	byLineId,
	cancelInput,
	changeInput,
	promiseInput,
	promiseIssues,
	readCancelForm,
	readChangeForm,
	readPromiseForm,
	readShipForm,
	shipInput
} from '$lib/components/sales/line-forms';
import { execute, executeAll, type Command } from '$server/commands/command.ts';
import { correctionAction } from '$lib/server/corrections';
import { storedLines } from '$server/sales/lookups.queries.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder, reverseShipment, shipSalesOrderLine } from '$server/sales/commands.ts';
import type { User } from '$server/auth/users.ts';
import { attempt } from '$lib/server/forms';
import { customFieldsOf, readCustomInput } from '$lib/server/custom-fields';

export const orderHref = (orderId: string) => `/sales/${encodeURIComponent(orderId)}`;


/**
 * Enters the order posted and opens it; a number already taken is refused by the command. Lines given a
 * promised date are promised in the same transaction: the order is saved with its promises or not at all.
 */
export async function createOrderForm(user: User, form: FormData) {
	const rt = await runtime();
	const values = readOrderForm(form);
	const custom = readCustomInput(form, await customFieldsOf(rt.db, 'sales_order'));
	const input = { ...orderInput(values), ...(custom.input ? { custom: custom.input } : {}) };
	const promised = promiseLinesInput(values);
	const actor = userActor(user);
	const enter = async () => {
		if (!promised) return execute(rt, createSalesOrder, input, actor, 'ui');
		// The promise names the order by the number its entry was given (typed, or assigned as it ran).
		const promise = {
			command: promiseSalesOrder,
			input: promised.input,
			inputFrom: ([entered]: readonly unknown[]) => ({ ...promised.input, orderId: (entered as { orderId: string }).orderId }),
			path: (p: string) => promisePathOnLines(p, promised.sent)
		};
		const [entered] = await executeAll(rt, [{ command: createSalesOrder, input }, promise], actor, 'ui');
		return entered as Awaited<ReturnType<typeof createSalesOrder.run>>['result'];
	};
	const out = await attempt(enter);
	if ('issues' in out) return fail(out.status, { which: 'order' as const, values, custom: custom.values, issues: out.issues });
	redirect(303, savedHref(orderHref(out.result.orderId), 'so.created', out.result.orderId));
}

export async function shipForm(user: User, form: FormData, orderId: string) {
	const rt = await runtime();
	const lineId = text(form, 'lineId');
	const values = readShipForm(form);
	const out = await attempt(() => execute(rt, shipSalesOrderLine, shipInput(orderId, lineId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'ship' as const, lineId, values, issues: out.issues });
	redirect(303, savedHref(orderHref(orderId), 'so.shipped', orderId));
}

export async function promiseForm(user: User, form: FormData, orderId: string) {
	const rt = await runtime();
	const lineId = text(form, 'lineId');
	const values = readPromiseForm(form);
	const out = await attempt(() => execute(rt, promiseSalesOrder, promiseInput(orderId, lineId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'promise' as const, lineId, values, issues: promiseIssues(out.issues) });
	redirect(303, savedHref(orderHref(orderId), 'so.promised', orderId));
}

export async function changeForm(user: User, form: FormData, orderId: string) {
	const rt = await runtime();
	const values = readChangeForm(form);
	const { input, sent } = changeInput(orderId, values, await storedLines(rt.db, orderId));
	const out = await attempt(() => execute(rt, changeSalesOrder, input, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'change' as const, values, issues: byLineId(out.issues, 'lines', sent) });
	redirect(303, savedHref(orderHref(orderId), 'so.changed', orderId));
}

export async function cancelForm(user: User, form: FormData, orderId: string) {
	const rt = await runtime();
	const values = readCancelForm(form);
	const out = await attempt(() => execute(rt, cancelSalesOrder, cancelInput(orderId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'cancel' as const, values, issues: byLineId(out.issues, 'lineIds', values.lineIds) });
	redirect(303, savedHref(orderHref(orderId), 'so.cancelled', orderId));
}

/** Takes one of the order's shipments back, with a reason of the correction list. */
export const reverseShipmentForm = (user: User, form: FormData, orderId: string) =>
	correctionAction(user, form, { which: 'reverseShipment', idName: 'shipmentId', command: reverseShipment as Command<never, unknown>, back: orderHref(orderId) });
