// The OpenAPI document of the HTTP API, built from the same zod schemas that validate requests.
// Endpoints register here as they are added; event bodies come from the catalogue.
import { z } from 'zod';
import type { Catalogue } from './catalogue.ts';
import { envelopeSchema } from './envelope.ts';
import { eventSchema, toJsonSchema } from './json-schema.ts';
import { tokenInputSchema } from '../auth/token-input.ts';
import { COMMANDS } from '../commands/registry.ts';
import { promiseRequestSchema } from '../planning/promise.queries.ts';

const issue = {
	type: 'object',
	properties: {
		index: { type: 'integer' },
		path: { type: 'string' },
		code: { type: 'string', description: 'a code of the error catalogue (server/errors.ts), e.g. ERR_SO_OVER_SHIPMENT' },
		params: { type: 'object', description: "the code's parameters, e.g. {\"open\": 3}", additionalProperties: true },
		message: { type: 'string' }
	},
	required: ['index', 'path', 'message']
};

const errorBody = {
	type: 'object',
	properties: { error: { type: 'string' }, code: { type: 'string' }, issues: { type: 'array', items: issue } },
	required: ['error', 'code']
};

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});

/**
 * A read endpoint (list or record) of the API. Their query schemas live with the pages that share them,
 * so the route serving this document passes them in.
 */
export interface ReadEndpoint {
	path: string;
	summary: string;
	tag: string;
	/** The list's URL query (a zod object): each field becomes a query parameter. */
	query?: z.ZodObject;
	/** Path parameters, e.g. ["orderId"] for /api/sales-orders/{orderId}. */
	params?: string[];
	/** What a 200 answers, when it is neither a paged list nor a record. */
	response?: string;
}

function readPaths(reads: readonly ReadEndpoint[]) {
	return Object.fromEntries(
		reads.map((r) => [
			r.path,
			{
				get: {
					summary: r.summary,
					tags: [r.tag],
					parameters: [
						...(r.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
						...Object.entries(r.query?.shape ?? {}).map(([name, field]) => ({ name, in: 'query', required: false, schema: toJsonSchema(field as z.ZodType, 'openapi-3.0') }))
					],
					responses: {
						'200': { description: r.response ?? (r.params ? 'the record' : '{"<list>":[…],"total","page","pageSize"}') },
						'400': errorResponse('invalid query; issues name each parameter'),
						'401': errorResponse('not signed in and no token'),
						...(r.params ? { '404': errorResponse('no such record (or none the reader may see)') } : {})
					}
				}
			}
		])
	);
}

export function openApiDocument(catalogue: Catalogue, serverUrl: string, reads: readonly ReadEndpoint[] = []) {
	const eventRefs = catalogue.list().map((d) => ({ $ref: `#/components/schemas/${schemaName(d.type)}` }));
	const schemas: Record<string, unknown> = {
		Error: errorBody,
		Envelope: toJsonSchema(envelopeSchema, 'openapi-3.0'),
		StoredEvent: {
			allOf: [
				{ $ref: '#/components/schemas/Envelope' },
				{
					type: 'object',
					properties: { seq: { type: 'integer' }, receivedAt: { type: 'string', format: 'date-time' } },
					required: ['seq', 'receivedAt']
				}
			]
		},
		ExtensionEvent: toJsonSchema(
			envelopeSchema.extend({ type: z.string().regex(/^x\./), data: z.record(z.string(), z.unknown()) }),
			'openapi-3.0'
		)
	};
	for (const d of catalogue.list()) schemas[schemaName(d.type)] = toJsonSchema(eventSchema(d.type, d.schema), 'openapi-3.0');

	return {
		openapi: '3.0.3',
		info: {
			title: 'Liandong API',
			version: '1',
			description: 'Order-to-delivery collaboration. Every change is an event; see /api/events/catalogue.'
		},
		servers: [{ url: serverUrl }],
		components: {
			securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
			schemas
		},
		security: [{ bearer: [] }],
		paths: {
			'/healthz': {
				get: {
					summary: 'Liveness and backend kinds',
					security: [],
					responses: {
						'200': {
							description: 'healthy',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										properties: {
											ok: { type: 'boolean' },
											db: { type: 'string', enum: ['pglite', 'postgres', 'timescaledb'] },
											bus: { type: 'string', enum: ['memory', 'redis'] }
										}
									}
								}
							}
						},
						'503': { description: 'database or bus unavailable' }
					}
				}
			},
			'/api/events': {
				post: {
					summary: 'Append a batch of events (all or nothing, idempotent on id)',
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['events'],
									properties: {
										events: {
											type: 'array',
											minItems: 1,
											maxItems: 10000,
											items: { oneOf: [...eventRefs, { $ref: '#/components/schemas/ExtensionEvent' }] }
										}
									}
								}
							}
						}
					},
					responses: {
						'200': {
							description: 'stored',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' } },
										required: ['accepted', 'duplicates']
									}
								}
							}
						},
						'400': errorResponse('invalid events: issues name index and path; nothing stored'),
						'401': errorResponse('missing or invalid token'),
						'403': errorResponse('token not allowed an event type'),
						'409': errorResponse('an id already stored with a different body (ERR_EVENT_ID_CONFLICT), or an event breaks a rule of the stored state (ERR_REJECTED); nothing stored'),
						'413': errorResponse('more than 10,000 events or 10 MB'),
						'429': errorResponse('rate limit exceeded')
					}
				},
				get: {
					summary: 'Read events back in log order, page by page; a cursor never skips an event that commits late',
					parameters: [
						{ name: 'type', in: 'query', schema: { type: 'string' }, description: 'comma-separated event types' },
						{
							name: 'after',
							in: 'query',
							schema: { type: 'string', pattern: '^\\d+-\\d+$' },
							description: 'cursor: `next` of the previous page (keep polling with it to follow the log)'
						},
						{ name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'occurredAt ≥' },
						{ name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'occurredAt <' },
						{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }
					],
					responses: {
						'200': {
							description: 'a page of events',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										properties: {
											events: { type: 'array', items: { $ref: '#/components/schemas/StoredEvent' } },
											next: { type: 'string', nullable: true, description: 'cursor after the last event read (null before any)' },
											more: { type: 'boolean', description: 'true when the page was full: read again at once' }
										}
									}
								}
							}
						},
						'400': errorResponse('invalid query'),
						'401': errorResponse('missing or invalid token'),
						'403': errorResponse('token may not read these types')
					}
				}
			},
			'/api/tokens': {
				get: {
					summary: 'List active tokens (admin token required); secrets are never shown again',
					responses: { '200': { description: '{"tokens":[…]}' }, '401': errorResponse('missing or invalid token'), '403': errorResponse('not an admin token') }
				},
				post: {
					summary: 'Create a token (admin token required); the answer holds the secret, once',
					requestBody: {
						required: true,
						content: { 'application/json': { schema: toJsonSchema(tokenInputSchema(catalogue), 'openapi-3.0') } }
					},
					responses: {
						'201': { description: '{"id","token","name","kind",…}' },
						'400': errorResponse('invalid request; issues name the fields'),
						'401': errorResponse('missing or invalid token'),
						'403': errorResponse('not an admin token')
					}
				}
			},
			'/api/tokens/{id}': {
				delete: {
					summary: 'Revoke a token (admin token required)',
					parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
					responses: { '200': { description: 'revoked' }, '404': errorResponse('no such active token') }
				}
			},
			'/api/planning/promise': {
				post: {
					summary:
						"A promise date for a new order line: from free stock, from supply the plan leaves free (ATP), or by making or buying the shortfall through the BOM against lead times and work-centre capacity (CTP); reasons in the reader's language (English for tokens unless lang=zh-CN). Reads only: a token needs the read scope of /api/planning",
					tags: ['planning'],
					parameters: [{ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['zh-CN', 'en'] } }],
					requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(promiseRequestSchema, 'openapi-3.0') } } },
					responses: {
						'200': {
							description:
								'{"date":"YYYY-MM-DD","basis":"stock"|"atp"|"ctp","reasons":[{"code":"PROMISE_…","message","params":{…},"itemId"?,"ref"?:{"kind","id","lineId"?},"date"?}]}'
						},
						'400': errorResponse('invalid request or unknown item; issues name the field (itemId, qty, requestedDate)'),
						'401': errorResponse('not signed in and no token'),
						'403': errorResponse('token without the read scope')
					}
				}
			},
			...readPaths(reads),
			...Object.fromEntries(
				Object.entries(COMMANDS).map(([name, { command, summary }]) => [
					`/api/commands/${name}`,
					{
						post: {
							summary: `${summary} — roles: ${['admin', ...command.roles].join(', ')}`,
							tags: ['commands'],
							requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(command.input, 'openapi-3.0') } } },
							responses: {
								'200': { description: 'done; the answer says what was created or changed' },
								'400': errorResponse('invalid input; issues name each field'),
								'401': errorResponse('not signed in and no token'),
								'403': errorResponse('the actor lacks the roles'),
								'409': errorResponse('breaks a rule of the stored state (unknown item, over-shipment, BOM cycle …); issues name the field')
							}
						}
					}
				])
			),
			'/api/events/catalogue': {
				get: { summary: 'JSON Schema of every event type', security: [], responses: { '200': { description: 'the catalogue' } } }
			},
			'/api/openapi.json': {
				get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.0 document' } } }
			}
		}
	};
}

function schemaName(type: string): string {
	return 'Event_' + type.replace(/[^a-zA-Z0-9]/g, '_');
}
