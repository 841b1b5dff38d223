// The numbering setting's event: one pattern per kind of document, set by an administrator. Pure zod.
import { z } from 'zod';
import { coded } from '../events/issue-codes.ts';
import { isPattern, NUMBERED_KINDS, parsePattern } from './pattern.ts';

export const numberPattern = z
	.string({ message: 'must be a string' })
	.trim()
	.superRefine((s, ctx) => {
		const p = parsePattern(s);
		if (!isPattern(p)) ctx.addIssue({ code: 'custom', message: p.message, params: coded('ERR_NUMBER_PATTERN', { problem: p.problem }) });
	});

export const numberingPatternSetSchema = z.strictObject({ kind: z.enum(NUMBERED_KINDS), pattern: numberPattern });

export const numberingEventTypes = [
	{
		type: 'numbering.pattern_set',
		commandOnly: true,
		schema: numberingPatternSetSchema,
		description: 'An administrator set the pattern new documents of a kind are numbered by (e.g. SO-{yyyy}{seq:5}).'
	}
];
