// The `custom` member records carry for no-code fields (server/masterdata/custom-fields.ts): values by
// field key. Commands check them against the field definitions; this only bounds their shape.
import { z } from 'zod';
import { coded, pattern } from './issue-codes.ts';

export const customValues = z
	.record(
		z.string().regex(pattern(/^[a-z][a-z0-9_]{0,39}$/, 'ERR_FIELD_KEY'), 'must be a field key'),
		z.union([z.string().max(500).refine((s) => s.isWellFormed() && !s.includes('\u0000'), { message: 'must be valid text', params: coded('ERR_INVALID_TEXT') }), z.number().finite(), z.null()])
	)
	.optional();
