import { runtime } from '$lib/server/runtime';
import { endpoint } from '$lib/server/http';
import { openApiBuilt } from '$server/events/openapi-document.ts';
import { READS } from './reads.server.ts';
import type { RequestHandler } from './$types';

// Built once per process and origin (server/events/openapi-document.ts), answered as stored text.
export const GET: RequestHandler = endpoint(
	async ({ url }, rt) => new Response(openApiBuilt(rt.catalogue, url.origin, READS).json, { headers: { 'content-type': 'application/json' } }),
	runtime
);
