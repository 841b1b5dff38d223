// The form actions of the customer and supplier pages: save a customer or supplier, save a supplier's
// terms for an item. They run the same commands as the REST API, as the signed-in user; a refused
// input comes back to its form as field issues with what was typed (no-code values too), and nothing
// is saved.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { customFieldsOf, readCustomInput } from '$lib/server/custom-fields';
import { text } from '$lib/components/form-values';
import type { FieldIssue } from '$lib/components/issues';
import { ID_FIELD, partnerInput, readPartnerForm, type PartnerKind } from '$lib/components/partners/partner-form';
import { readSupplierItemForm, supplierItemInput } from '$lib/components/partners/supplier-item-form';
import { customerPriceInput, readCustomerPriceForm } from '$lib/components/partners/customer-price-form';
import { removeCustomerPrice, saveCustomerPrice } from '$server/sales/customer-price.commands.ts';
import { listCustomerPrices } from '$server/sales/customer-prices.queries.ts';
import { execute } from '$server/commands/command.ts';
import { saveCustomer, saveSupplier } from '$server/masterdata/commands.ts';
import { getPartnerRecord } from '$server/masterdata/partner-queries.ts';
import { saveSupplierItem } from '$server/purchasing/commands.ts';
import { listSupplierItems } from '$server/purchasing/queries.ts';
import type { User } from '$server/auth/users.ts';

export const partnerHref = (kind: PartnerKind, id: string) => `/${kind === 'customer' ? 'customers' : 'suppliers'}/${encodeURIComponent(id)}`;

const EXISTS = {
	customer: { code: 'ERR_CUSTOMER_EXISTS', message: 'a customer with this code exists already' },
	supplier: { code: 'ERR_SUPPLIER_EXISTS', message: 'a supplier with this code exists already' }
} as const;

/**
 * Saves the customer or supplier posted. `id` is the record's key on its own page (the posted one is
 * ignored); without it the record is new, and a code already taken is refused rather than overwritten.
 */
export async function savePartnerForm(kind: PartnerKind, user: User, form: FormData, id?: string) {
	const rt = await runtime();
	const values = readPartnerForm(kind, form);
	// The form shows every active field, so what it posts is the record's values of those fields.
	const custom = readCustomInput(form, await customFieldsOf(rt.db, kind));
	if (id !== undefined) values.id = id;
	else if (values.id.trim() && (await getPartnerRecord(rt.db, kind, values.id.trim()))) {
		const issues: FieldIssue[] = [{ path: ID_FIELD[kind], ...EXISTS[kind] }];
		return fail(409, { which: 'partner' as const, values, custom: custom.values, issues });
	}
	const input = partnerInput(kind, values, custom.input);
	const actor = userActor(user);
	const out = await attempt(async () =>
		kind === 'customer' ? (await execute(rt, saveCustomer, input, actor, 'ui')).customerId : (await execute(rt, saveSupplier, input, actor, 'ui')).supplierId
	);
	if ('issues' in out) return fail(out.status, { which: 'partner' as const, values, custom: custom.values, issues: out.issues });
	redirect(303, savedHref(partnerHref(kind, out.result), kind === 'customer' ? 'customer.saved' : 'supplier.saved', out.result));
}

/**
 * Saves a supplier's terms for one item. The add form (`mode=add`) refuses an item the supplier has
 * terms for already, so adding never silently replaces them; a row's form changes its own item.
 */
export async function saveSupplierItemForm(user: User, form: FormData, supplierId: string) {
	const rt = await runtime();
	const mode = text(form, 'mode') === 'edit' ? ('edit' as const) : ('add' as const);
	const values = readSupplierItemForm(form);
	const itemId = values.itemId.trim();
	if (mode === 'add' && itemId && (await listSupplierItems(rt.db, supplierId)).some((r) => r.itemId === itemId)) {
		const issues: FieldIssue[] = [{ path: 'itemId', code: 'ERR_SUPPLIER_ITEM_EXISTS', message: 'the supplier has terms for this item already: change them in its row' }];
		return fail(409, { which: 'supplierItem' as const, mode, values, issues });
	}
	const out = await attempt(() => execute(rt, saveSupplierItem, supplierItemInput(supplierId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'supplierItem' as const, mode, values, issues: out.issues });
	redirect(303, savedHref(partnerHref('supplier', supplierId), 'supplierItem.saved', supplierId));
}

/**
 * Saves a customer's agreed price of one item. As with supplier terms, the add form refuses an item
 * that has a price already, so adding never silently replaces it; a row's form changes its own item.
 */
export async function saveCustomerPriceForm(user: User, form: FormData, customerId: string) {
	const rt = await runtime();
	const mode = text(form, 'mode') === 'edit' ? ('edit' as const) : ('add' as const);
	const values = readCustomerPriceForm(form);
	const itemId = values.itemId.trim();
	if (mode === 'add' && itemId && (await listCustomerPrices(rt.db, customerId)).some((r) => r.itemId === itemId)) {
		const issues: FieldIssue[] = [{ path: 'itemId', code: 'ERR_CUSTOMER_PRICE_EXISTS', message: 'this item has a customer price already: change it in its row' }];
		return fail(409, { which: 'customerPrice' as const, mode, values, issues });
	}
	const out = await attempt(() => execute(rt, saveCustomerPrice, customerPriceInput(customerId, values), userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'customerPrice' as const, mode, values, issues: out.issues });
	redirect(303, savedHref(partnerHref('customer', customerId), 'customerPrice.saved', values.itemId.trim()));
}

/** Withdraws a customer's price of the posted item. */
export async function removeCustomerPriceForm(user: User, form: FormData, customerId: string) {
	const rt = await runtime();
	const out = await attempt(() => execute(rt, removeCustomerPrice, { customerId, itemId: text(form, 'itemId') }, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: 'customerPrice' as const, mode: 'edit' as const, values: readCustomerPriceForm(form), issues: out.issues });
	redirect(303, savedHref(partnerHref('customer', customerId), 'customerPrice.removed', text(form, 'itemId')));
}
