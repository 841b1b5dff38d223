// Master-data rules hold through the ingest API as through the commands (the BOM guard was the first
// of them): the same code on the same field, and nothing of the batch stored.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { backendLabel } from '../../support/backend.ts';
import { openIngestRules, type IngestRules } from '../../support/ingest-rules.ts';

let s: IngestRules;
beforeAll(async () => {
	s = await openIngestRules();
	for (const itemId of ['BIKE', 'FRAME']) {
		await s.command('item.save', { itemId, name: itemId, kind: 'product', uom: 'pcs', unitCost: 1, makeOrBuy: 'make', leadTimeDays: 1 });
	}
	await s.command('bom.replace', { parentItemId: 'BIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }] });
});
afterAll(async () => s?.close());

describe(`master-data rules through ingest (${backendLabel})`, () => {
	it('refuses a BOM that names an unknown item or makes a cycle', async () => {
		const bom = (childItemId: string) => ({ parentItemId: 'FRAME', lines: [{ childItemId, qtyPer: 1 }] });
		await s.expectSameRefusal({ command: 'bom.replace', input: bom('NOTHING'), type: 'bom.replaced', code: 'ERR_BOM_UNKNOWN_ITEM', path: 'lines.0.childItemId' });
		await s.expectSameRefusal({ command: 'bom.replace', input: bom('BIKE'), type: 'bom.replaced', code: 'ERR_BOM_CYCLE', path: 'lines.0.childItemId' });
	});
});
