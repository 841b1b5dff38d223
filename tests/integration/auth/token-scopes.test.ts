import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testConfig, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { openDatabase } from '../../../server/runtime.ts';
import { loadMigrations, migrate } from '../../../server/db/migrate.ts';
import { hashToken, mayPostEvent, mayRead, mayReadEvents, verifyToken } from '../../../server/auth/tokens.ts';
import type { Db } from '../../../server/db/db.ts';

// The read scopes' migration: tokens made before it keep posting what they posted; those that
// posted every type keep reading the event log; nothing else is read without a grant.
const SCOPES_MIGRATION = '20261206021000';
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
	database = await freshDatabase({ migrated: false });
	db = await openDatabase(testConfig(database.env));
	await migrate(db, loadMigrations().filter((m) => m.version < SCOPES_MIGRATION));
	const legacy = [
		['00000000-0000-4000-8000-000000000001', 'erp-every-type', 'api', null],
		['00000000-0000-4000-8000-000000000002', 'mes-line', 'api', ['production.reported']],
		['00000000-0000-4000-8000-000000000003', 'wall', 'kiosk', null]
	] as const;
	for (const [id, name, kind, types] of legacy) {
		await db.query('insert into api_tokens (id, name, token_hash, kind, event_types) values ($1, $2, $3, $4, $5)', [id, name, hashToken(name), kind, types]);
	}
	await migrate(db);
});
afterAll(async () => {
	await db?.close();
	await database?.drop();
});

describe(`tokens made before read scopes (${backendLabel})`, () => {
	it('keep posting every type, and reading the event log only, when they posted every type', async () => {
		const p = (await verifyToken(db, 'erp-every-type'))!;
		expect(p).toMatchObject({ eventTypes: ['*'], reads: ['events'] });
		expect(mayPostEvent(p, 'sales_order.created')).toBe(true);
		expect(mayReadEvents(p, '*')).toBe(true);
		expect(mayRead(p, 'sales')).toBe(false);
	});

	it('keep posting their own types and reading those back, nothing else', async () => {
		const p = (await verifyToken(db, 'mes-line'))!;
		expect(p).toMatchObject({ eventTypes: ['production.reported'], reads: [] });
		expect(mayPostEvent(p, 'production.reported')).toBe(true);
		expect(mayPostEvent(p, 'item.upserted')).toBe(false);
		expect(mayReadEvents(p, 'production.reported')).toBe(true);
		expect(mayReadEvents(p, 'item.upserted')).toBe(false);
		expect(mayReadEvents(p, '*')).toBe(false);
		for (const area of ['masterdata', 'sales', 'purchasing', 'production', 'inventory', 'events'] as const) expect(mayRead(p, area)).toBe(false);
	});

	it('leave kiosk tokens as they were: no events, no reads', async () => {
		const p = (await verifyToken(db, 'wall'))!;
		expect(mayPostEvent(p, 'item.upserted')).toBe(false);
		expect(mayReadEvents(p, 'item.upserted')).toBe(false);
		expect(mayRead(p, 'masterdata')).toBe(false);
	});
});
