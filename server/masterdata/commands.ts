// Master-data commands: items, bills of material, customers, suppliers. Each emits the event an
// integrator could also send; references and BOM cycles are checked by the projector guards, so the
// same rules hold for pages, the REST API, imports and the ingest API.
import { z } from 'zod';
import type { Command } from '../commands/command.ts';
import { fixedSchemas, type FixedData } from '../events/catalogue.ts';
import { bomReplacedSchema, type BomReplaced } from './schemas.ts';
import { checkCustomValues, keepRetiredValues, withCustom } from './custom-fields.ts';

export const saveItem: Command<FixedData<'item.upserted'>, { itemId: string }> = {
	name: 'item.save',
	input: fixedSchemas['item.upserted'],
	roles: ['planner'],
	async run({ tx }, input) {
		const custom = await keepRetiredValues(tx, 'item', input.itemId, await checkCustomValues(tx, 'item', input.custom));
		return { events: [{ type: 'item.upserted', data: withCustom(input, custom) }], result: { itemId: input.itemId } };
	}
};

export const replaceBom: Command<BomReplaced, { parentItemId: string; lines: number }> = {
	name: 'bom.replace',
	input: bomReplacedSchema,
	roles: ['planner'],
	async run(_ctx, input) {
		return { events: [{ type: 'bom.replaced', data: input }], result: { parentItemId: input.parentItemId, lines: input.lines.length } };
	}
};

export const saveCustomer: Command<FixedData<'customer.upserted'>, { customerId: string }> = {
	name: 'customer.save',
	input: fixedSchemas['customer.upserted'],
	roles: ['sales', 'manager'],
	async run({ tx }, input) {
		const custom = await keepRetiredValues(tx, 'customer', input.customerId, await checkCustomValues(tx, 'customer', input.custom));
		return { events: [{ type: 'customer.upserted', data: withCustom(input, custom) }], result: { customerId: input.customerId } };
	}
};

export const saveSupplier: Command<FixedData<'supplier.upserted'>, { supplierId: string }> = {
	name: 'supplier.save',
	input: fixedSchemas['supplier.upserted'],
	roles: ['purchasing', 'manager'],
	async run({ tx }, input) {
		const custom = await keepRetiredValues(tx, 'supplier', input.supplierId, await checkCustomValues(tx, 'supplier', input.custom));
		return { events: [{ type: 'supplier.upserted', data: withCustom(input, custom) }], result: { supplierId: input.supplierId } };
	}
};

export const itemListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	kind: z.enum(['product', 'semi', 'material']).optional(),
	sort: z.enum(['itemId', 'name', 'kind', 'unitCost', 'leadTimeDays']).default('itemId'),
	dir: z.enum(['asc', 'desc']).default('asc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

/** The customer and supplier lists' URL query (suppliers add a filter: server/purchasing/queries.ts). */
export const partnerListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	sort: z.enum(['id', 'name', 'updatedAt']).default('id'),
	dir: z.enum(['asc', 'desc']).default('asc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type PartnerListQuery = z.infer<typeof partnerListQuery>;
