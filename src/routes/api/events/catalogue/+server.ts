import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { endpoint } from '$lib/server/http';
import { catalogueDocument } from '$server/events/json-schema.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async (_e, rt) => json(catalogueDocument(rt.catalogue)), runtime);
