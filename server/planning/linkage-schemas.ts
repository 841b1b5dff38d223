// Schemas of automatic linkage: the per-category setting and its event, the firm command's input, and
// the pegs a firmed document carries (an optional field of requisition.created and
// production_order.created: events without it stay valid). Pure zod; no IO.
import { z } from 'zod';
import { code, isoDate, qty, text } from '../events/primitives.ts';
import { LINK_MODES, MAX_WINDOW_DAYS } from './linkage.ts';

/** A planned order's id (`PLN-<item>-<yyyymmdd>`): longer than a code, since it holds an item code. */
export const plannedOrderRef = text(160);

const demand = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('sales_order_line'), orderId: code, lineId: code }),
	z.strictObject({ kind: z.literal('safety_stock') }),
	z.strictObject({ kind: z.literal('forecast'), date: isoDate }),
	z.strictObject({ kind: z.literal('planned_order'), id: plannedOrderRef }),
	z.strictObject({ kind: z.literal('production_order'), id: code }),
	z.strictObject({ kind: z.literal('stock') })
]);

/** The demands a document serves, as the plan pegged its planned order (dependent demand names the parent). */
export const pegsSchema = z.array(z.strictObject({ qty, demand, needDate: isoDate.optional() })).max(1000);

const windowDays = z
	.number({ message: 'must be a number' })
	.int('must be a whole number')
	.min(0, 'must be 0 or more')
	.max(MAX_WINDOW_DAYS, `must be at most ${MAX_WINDOW_DAYS}`);

/** No category: the default row (items without a category, and categories without a row of their own). */
export const planningCategorySavedSchema = z.strictObject({
	category: code.optional(),
	mode: z.enum(LINK_MODES),
	windowDays
});

export const planningCategoryInput = z.strictObject({
	category: code.optional(),
	mode: z.enum(LINK_MODES),
	windowDays: windowDays.optional()
});

export const firmInput = z.strictObject({
	plannedOrderId: plannedOrderRef,
	/** Another quantity than the plan's. */
	qty: qty.optional(),
	/** Another due date than the plan's (needed-by for a requisition). */
	date: isoDate.optional()
});

export const linkageEventTypes = [
	{
		type: 'planning_category.saved',
		commandOnly: true,
		schema: planningCategorySavedSchema,
		description: "An item category's linkage setting was saved: planned orders only suggested, or firmed automatically within a window of days before release."
	}
];
