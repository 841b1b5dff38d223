// Master-data event types beyond the fixed ones of CONTRACTS.md: bills of material and users.
import { z } from 'zod';
import { code, qty, text } from '../events/primitives.ts';
import { coded } from '../events/issue-codes.ts';

export const bomReplacedSchema = z.strictObject({
	parentItemId: code,
	/** The whole BOM of the parent; an empty list removes it. */
	lines: z
		.array(
			z.strictObject({
				childItemId: code,
				qtyPer: qty,
				scrapPct: z.number({ message: 'must be a number' }).min(0, 'must be 0 or more').max(99.99, 'must be below 100').optional()
			})
		)
		.max(500)
		.superRefine((lines, ctx) => {
			const seen = new Map<string, number>();
			lines.forEach((l, i) => {
				if (seen.has(l.childItemId)) ctx.addIssue({ code: 'custom', path: [i, 'childItemId'], message: `repeats line ${seen.get(l.childItemId)}`, params: coded('ERR_DUPLICATE_LINE', { line: seen.get(l.childItemId)! + 1 }) });
				else seen.set(l.childItemId, i);
			});
		})
});
export type BomReplaced = z.infer<typeof bomReplacedSchema>;

export const masterdataEventTypes = [
	{
		type: 'bom.replaced',
		schema: bomReplacedSchema,
		description: 'The bill of material of an item was replaced whole (quantity per parent unit, scrap %); an empty list removes it.'
	}
];
