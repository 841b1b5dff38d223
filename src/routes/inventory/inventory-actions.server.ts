// The form actions of an item's inventory page: adjust, transfer, issue to production. They run the
// same commands as the REST API, as the signed-in user; a refused input comes back to its form as field
// issues with what was typed, and nothing is saved. `which` tells the page whose issues they are.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { adjustInput, issueInput, readAdjustForm, readIssueForm, readTransferForm, transferInput } from '$lib/components/inventory/stock-forms';
import { execute } from '$server/commands/command.ts';
import { adjustStock, issueStock, transferStock } from '$server/inventory/commands.ts';
import type { User } from '$server/auth/users.ts';

export const stockHref = (itemId: string) => `/inventory/${encodeURIComponent(itemId)}`;

export async function adjustForm(user: User, form: FormData, itemId: string) {
	const rt = await runtime();
	const values = readAdjustForm(form);
	const out = await attempt(() => execute(rt, adjustStock, adjustInput(itemId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'adjust' as const, values, issues: out.issues });
	redirect(303, savedHref(stockHref(itemId), 'stock.adjusted', itemId));
}

export async function transferForm(user: User, form: FormData, itemId: string) {
	const rt = await runtime();
	const values = readTransferForm(form);
	const out = await attempt(() => execute(rt, transferStock, transferInput(itemId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'transfer' as const, values, issues: out.issues });
	redirect(303, savedHref(stockHref(itemId), 'stock.transferred', itemId));
}

export async function issueForm(user: User, form: FormData, itemId: string) {
	const rt = await runtime();
	const values = readIssueForm(form);
	const out = await attempt(() => execute(rt, issueStock, issueInput(itemId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'issue' as const, values, issues: out.issues });
	redirect(303, savedHref(stockHref(itemId), 'stock.issued', itemId));
}
