// Customers' agreed prices: set and withdraw. Sales and managers keep them; the customer and the item
// must exist (the projector's guard says the same to events that arrive by ingest).
import type { z } from 'zod';
import type { Command } from '../commands/command.ts';
import { refuse } from '../commands/refuse.ts';
import { unknownItem } from '../inventory/rules.ts';
import { BASE_CURRENCY } from '../shared/money.ts';
import { unknownCustomer } from './rules.ts';
import { customerPriceRemovedSchema, customerPriceUpsertedSchema } from './schemas.ts';
import type { Queryable } from '../db/db.ts';

const SALES = ['sales', 'manager'] as const;

async function requireCustomerAndItem(tx: Queryable, customerId: string, itemId: string): Promise<void> {
	const r = await tx.query<{ k: string }>(
		`select 'c' as k from customers where customer_id = $1 union all select 'i' from items where item_id = $2`,
		[customerId, itemId]
	);
	const found = new Set(r.rows.map((x) => x.k));
	if (!found.has('c')) refuse(unknownCustomer(customerId));
	if (!found.has('i')) refuse(unknownItem(itemId));
}

export const saveCustomerPrice: Command<z.infer<typeof customerPriceUpsertedSchema>, { customerId: string; itemId: string }> = {
	name: 'customer_price.save',
	input: customerPriceUpsertedSchema,
	roles: SALES,
	async run({ tx }, input) {
		await requireCustomerAndItem(tx, input.customerId, input.itemId);
		const data = { ...input, currency: input.currency ?? BASE_CURRENCY };
		return { events: [{ type: 'customer_price.upserted', data }], result: { customerId: input.customerId, itemId: input.itemId } };
	}
};

export const removeCustomerPrice: Command<z.infer<typeof customerPriceRemovedSchema>, { customerId: string; itemId: string }> = {
	name: 'customer_price.remove',
	input: customerPriceRemovedSchema,
	roles: SALES,
	async run({ tx }, input) {
		await requireCustomerAndItem(tx, input.customerId, input.itemId);
		return { events: [{ type: 'customer_price.removed', data: input }], result: { customerId: input.customerId, itemId: input.itemId } };
	}
};
