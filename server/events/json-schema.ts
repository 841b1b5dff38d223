// JSON Schemas of the envelope and of every event type, generated from the zod schemas the server
// validates with, so the published catalogue can never drift from what is enforced.
import { z } from 'zod';
import { envelopeSchema } from './envelope.ts';
import type { Catalogue } from './catalogue.ts';

type JsonSchema = Record<string, unknown>;

export function toJsonSchema(schema: z.ZodType, target: 'draft-2020-12' | 'openapi-3.0' = 'draft-2020-12'): JsonSchema {
	const out = z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'any' }) as JsonSchema;
	delete out.$schema;
	return out;
}

/** The envelope of one type: the common fields plus `type` fixed and `data` of that type. */
export function eventSchema(type: string, data: z.ZodType): z.ZodType {
	return envelopeSchema.extend({ type: z.literal(type), data });
}

export function catalogueDocument(catalogue: Catalogue) {
	return {
		envelope: toJsonSchema(envelopeSchema),
		extensionTypes: {
			pattern: '^x\\.[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$',
			description: 'Integrator-defined types (x.<vendor>.<name>): any JSON object as data; stored, read back and streamed, never projected.'
		},
		types: catalogue.list().map((d) => ({
			type: d.type,
			description: d.description,
			// Produced only by commands: POST /api/events refuses it from any token but an admin token.
			...(d.commandOnly ? { commandOnly: true } : {}),
			schema: toJsonSchema(eventSchema(d.type, d.schema))
		}))
	};
}
