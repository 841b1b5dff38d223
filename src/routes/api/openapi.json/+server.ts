import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { endpoint } from '$lib/server/http';
import { openApiDocument } from '$server/events/openapi.ts';
import { READS } from './reads.server.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ url }, rt) => json(openApiDocument(rt.catalogue, url.origin, READS)), runtime);
