// Creates tokens directly in a test database before a server opens it (PGlite allows one process).
import { testConfig, type TestDatabase } from './backend.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createToken, type TokenKind } from '../../server/auth/tokens.ts';

export async function makeTokens(
	database: TestDatabase,
	specs: Record<string, { kind: TokenKind; eventTypes?: string[]; reads?: string[]; screens?: string[] }>
): Promise<Record<string, string>> {
	const db = await openDatabase(testConfig(database.env));
	try {
		await migrate(db);
		const out: Record<string, string> = {};
		for (const [name, s] of Object.entries(specs)) out[name] = (await createToken(db, { name, ...s })).token;
		return out;
	} finally {
		await db.close();
	}
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
