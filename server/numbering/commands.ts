// The numbering setting (admin only): the pattern a kind of document is numbered by from now on.
import type { z } from 'zod';
import type { Command } from '../commands/command.ts';
import { numberingPatternSetSchema } from './schemas.ts';

export const setNumberingPattern: Command<z.infer<typeof numberingPatternSetSchema>, { kind: string; pattern: string }> = {
	name: 'numbering.set',
	input: numberingPatternSetSchema,
	// Numbers appear on every printed document and in integrations: only an administrator changes them.
	roles: [],
	async run(_ctx, input) {
		return { events: [{ type: 'numbering.pattern_set', data: input }], result: { kind: input.kind, pattern: input.pattern } };
	}
};
