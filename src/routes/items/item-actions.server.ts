// The form actions of the item pages: save an item, replace its BOM. They run the same commands as
// the REST API, as the signed-in user; a refused input comes back to the form as field issues with
// what was typed, and nothing is saved.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { bomInput, readBomForm } from '$lib/components/bom-form';
import { itemInput, readItemForm } from '$lib/components/item-form';
import type { FieldIssue } from '$lib/components/issues';
import { execute } from '$server/commands/command.ts';
import { replaceBom, saveItem } from '$server/masterdata/commands.ts';
import { getItem } from '$server/masterdata/queries.ts';
import type { User } from '$server/auth/users.ts';
import { attempt } from '$lib/server/forms';
import { customFieldsOf, readCustomInput } from '$lib/server/custom-fields';

export const itemHref = (itemId: string) => `/items/${encodeURIComponent(itemId)}`;


/**
 * Saves the item posted. `itemId` is the record's key on its own page (the posted one is ignored);
 * without it the item is new, and a code already taken is refused rather than overwritten.
 */
export async function saveItemForm(user: User, form: FormData, itemId?: string) {
	const rt = await runtime();
	const values = readItemForm(form);
	const custom = readCustomInput(form, await customFieldsOf(rt.db, 'item'));
	if (itemId !== undefined) values.itemId = itemId;
	else if (values.itemId.trim() && (await getItem(rt.db, values.itemId.trim()))) {
		const issues: FieldIssue[] = [{ path: 'itemId', message: 'an item with this code exists already', code: 'ERR_ITEM_EXISTS' }];
		return fail(409, { which: 'item' as const, values, custom: custom.values, issues });
	}
	const input = { ...itemInput(values), ...(custom.input ? { custom: custom.input } : {}) };
	const out = await attempt(() => execute(rt, saveItem, input, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'item' as const, values, custom: custom.values, issues: out.issues });
	redirect(303, savedHref(itemHref(out.result.itemId), 'item.saved', out.result.itemId));
}

/** Replaces the BOM of `parentItemId` with the lines posted. */
export async function saveBomForm(user: User, form: FormData, parentItemId: string) {
	const rt = await runtime();
	const lines = readBomForm(form);
	const out = await attempt(() => execute(rt, replaceBom, bomInput(parentItemId, lines), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'bom' as const, values: { lines }, issues: out.issues });
	redirect(303, savedHref(itemHref(parentItemId), 'bom.saved', parentItemId));
}
