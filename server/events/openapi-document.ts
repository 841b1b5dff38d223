// The OpenAPI document as served: built once per catalogue (one per process) and server URL, then
// answered as the same text on every call. The catalogue and the read endpoints are fixed once the
// runtime is built, so nothing can make a built document stale.
import type { Catalogue } from './catalogue.ts';
import { openApiDocument, type ReadEndpoint } from './openapi.ts';

export interface BuiltDocument {
	document: ReturnType<typeof openApiDocument>;
	/** The document as JSON text, as the endpoint answers it. */
	json: string;
}

const built = new WeakMap<Catalogue, Map<string, BuiltDocument>>();
/** A few origins at most (direct, through a proxy); a host header cannot grow the cache beyond this. */
const MAX_ORIGINS = 16;

/** The document for a catalogue and server URL: the first call builds it, later calls answer it. */
export function openApiBuilt(catalogue: Catalogue, serverUrl: string, reads: readonly ReadEndpoint[]): BuiltDocument {
	let byUrl = built.get(catalogue);
	if (!byUrl) built.set(catalogue, (byUrl = new Map()));
	let doc = byUrl.get(serverUrl);
	if (!doc) {
		const document = openApiDocument(catalogue, serverUrl, reads);
		doc = Object.freeze({ document, json: JSON.stringify(document) });
		if (byUrl.size < MAX_ORIGINS) byUrl.set(serverUrl, doc);
	}
	return doc;
}
