import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../server/runtime.ts';
import { openApiDocument } from '../../../server/events/openapi.ts';
import { openApiBuilt } from '../../../server/events/openapi-document.ts';

describe('the OpenAPI document as served', () => {
	it('is built once per catalogue and server URL, and is the document the generator makes', () => {
		const catalogue = buildCatalogue();
		const first = openApiBuilt(catalogue, 'http://a.example', []);
		expect(openApiBuilt(catalogue, 'http://a.example', [])).toBe(first);
		expect(JSON.parse(first.json)).toEqual(JSON.parse(JSON.stringify(openApiDocument(catalogue, 'http://a.example', []))));
		const other = openApiBuilt(catalogue, 'http://b.example', []);
		expect(other).not.toBe(first);
		expect(JSON.parse(other.json).servers).toEqual(JSON.parse(JSON.stringify(openApiDocument(catalogue, 'http://b.example', []))).servers);
		// Another runtime's catalogue gets its own document.
		expect(openApiBuilt(buildCatalogue(), 'http://a.example', [])).not.toBe(first);
	});
});
