// The OpenAPI document as served: built once per catalogue (one per process) and server URL, then
// answered as the same text on every call. The catalogue and the read endpoints are fixed once the
// runtime is built, so nothing can make a cached document stale.
import type { Catalogue } from './catalogue.ts';
import { openApiDocument, type ReadEndpoint } from './openapi.ts';

const built = new WeakMap<Catalogue, Map<string, string>>();

/** The document as JSON text; the first call for a catalogue and server URL builds it. */
export function openApiJson(catalogue: Catalogue, serverUrl: string, reads: readonly ReadEndpoint[]): string {
	let byUrl = built.get(catalogue);
	if (!byUrl) built.set(catalogue, (byUrl = new Map()));
	let text = byUrl.get(serverUrl);
	if (text === undefined) {
		text = JSON.stringify(openApiDocument(catalogue, serverUrl, reads));
		// A few origins at most (direct, through a proxy); never grows with traffic beyond that.
		if (byUrl.size < 16) byUrl.set(serverUrl, text);
	}
	return text;
}
