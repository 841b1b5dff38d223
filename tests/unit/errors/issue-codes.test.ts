// zod's issues reach the API with catalogue codes and parameters, read from the issue's structure,
// from a refinement's `params.code` or from a registered pattern; a missing value is told from a wrong one.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssues } from '../../../server/commands/command.ts';
import { code, isoDate, nonNegative, qty, text } from '../../../server/events/primitives.ts';
import { createUserInput } from '../../../server/auth/user-commands.ts';
import { stockMovedSchema } from '../../../server/inventory/schemas.ts';

const schema = z.strictObject({
	name: text(10),
	id: code,
	qty,
	cost: nonNegative.optional(),
	due: isoDate.optional(),
	kind: z.enum(['make', 'buy']).optional(),
	lines: z.array(code).min(1).optional(),
	priority: z.number().int().min(1).max(9).optional()
});

function codes(s: z.ZodType, input: unknown) {
	const r = s.safeParse(input);
	if (r.success) return [];
	return zodIssues(r.error, 0, input).map((i) => [i.path, i.code, i.params]);
}

describe('field issue codes', () => {
	it('tells a missing value (required) from a wrong one', () => {
		expect(codes(schema, { id: 'A', qty: 1 })).toEqual([['name', 'ERR_REQUIRED', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 'many' })).toEqual([['qty', 'ERR_NOT_A_NUMBER', {}]]);
		expect(codes(schema, { name: 7, id: 'A', qty: 1 })).toEqual([['name', 'ERR_WRONG_TYPE', { expected: 'string' }]]);
	});

	it('reads bounds as parameters', () => {
		expect(codes(schema, { name: '', id: 'A', qty: 1 })).toEqual([['name', 'ERR_EMPTY', {}]]);
		expect(codes(schema, { name: 'a name too long', id: 'A', qty: 1 })).toEqual([['name', 'ERR_TOO_LONG', { maximum: 10 }]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 0 })).toEqual([['qty', 'ERR_NOT_POSITIVE', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, cost: -1 })).toEqual([['cost', 'ERR_NEGATIVE', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, priority: 0 })).toEqual([['priority', 'ERR_TOO_SMALL', { minimum: 1 }]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, priority: 10 })).toEqual([['priority', 'ERR_TOO_BIG', { maximum: 9 }]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, priority: 1.5 })).toEqual([['priority', 'ERR_NOT_INTEGER', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, lines: [] })).toEqual([['lines', 'ERR_TOO_FEW', { minimum: 1 }]]);
	});

	it('names formats, options, unknown fields and refinements', () => {
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, due: '2026-02-30' })).toEqual([['due', 'ERR_INVALID_DATE', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, due: '1066-10-14' })).toEqual([['due', 'ERR_DATE_RANGE', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, kind: 'rent' })).toEqual([['kind', 'ERR_INVALID_OPTION', { options: 'make, buy' }]]);
		expect(codes(schema, { name: 'n', id: 'A\u0007', qty: 1 })).toEqual([['id', 'ERR_CONTROL_CHARS', {}]]);
		expect(codes(schema, { name: 'n', id: 'A', qty: 1, colour: 'red' })).toEqual([['colour', 'ERR_UNKNOWN_FIELD', {}]]);
		expect(codes(stockMovedSchema, { itemId: 'A', fromLocationId: 'MAIN', toLocationId: 'MAIN', qty: 1 })).toEqual([['toLocationId', 'ERR_SAME_LOCATION', {}]]);
	});

	it('names a registered pattern by its code', () => {
		const input = { username: 'li wei', displayName: 'Li', password: 'long enough', roles: ['sales'] };
		expect(codes(createUserInput, input)).toEqual([['username', 'ERR_USERNAME_CHARS', {}]]);
	});
});
