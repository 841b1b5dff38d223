import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/db/pglite.ts';
import type { Db } from '../../../server/db/db.ts';

// The embedded database keeps statements prepared (server/db/pglite.ts): these tests hold it to the
// answers of a fresh statement, with a cache of three so that statements fall out and come back.
let db: Db;
beforeAll(async () => {
	db = await openPglite(undefined, { statementCache: 3 });
	await db.exec(`create table probe (id text primary key, qty numeric, tags text[], doc jsonb, day date)`);
}, 60_000);
afterAll(async () => db?.close());

const kept = async () => (await db.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`)).rows[0].n;

describe('prepared statements of the embedded database', () => {
	it('binds every kind of value the same statement is given, and counts the rows a write touched', async () => {
		const insert = `insert into probe (id, qty, tags, doc, day) values ($1, $2, $3, $4, $5)`;
		const a = await db.query(insert, ['a', 1.5, ['x', 'y'], JSON.stringify({ n: 1 }), '2026-12-06']);
		expect(a.rowCount).toBe(1);
		await db.query(insert, ['b', null, [], JSON.stringify([1, 2]), null]);
		await db.query(insert, ['c', 3, ['z'], null, '2026-01-31']);
		const rows = await db.query<{ id: string; qty: number | null; tags: string[]; doc: unknown; day: string | null }>(
			`select id, qty::float8 as qty, tags, doc, to_char(day, 'YYYY-MM-DD') as day from probe order by id`
		);
		expect(rows.rows).toEqual([
			{ id: 'a', qty: 1.5, tags: ['x', 'y'], doc: { n: 1 }, day: '2026-12-06' },
			{ id: 'b', qty: null, tags: [], doc: [1, 2], day: null },
			{ id: 'c', qty: 3, tags: ['z'], doc: null, day: '2026-01-31' }
		]);
		const updated = await db.query(`update probe set qty = coalesce(qty, 0) + $1 where id = any($2::text[])`, [1, ['a', 'b']]);
		expect(updated.rowCount).toBe(2);
		expect((await db.query(`select id from probe where id = any($1::text[]) order by id`, [['c', 'b', 'nope']])).rows).toEqual([{ id: 'b' }, { id: 'c' }]);
	});

	it('keeps at most as many statements as its cache holds, and runs those that fell out again', async () => {
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < 6; i++) {
				const r = await db.query<{ v: number }>(`select $1::int + ${i} as v`, [round]);
				expect(r.rows).toEqual([{ v: round + i }]);
			}
		}
		expect(await kept()).toBeLessThanOrEqual(3);
	});

	it('keeps text in any script and large values whole', async () => {
		const name = '制动钳总成 — brake caliper ✓';
		const doc = { lines: Array.from({ length: 2000 }, (_, i) => ({ i, note: `第${i}行` })) };
		await db.query(`insert into probe (id, doc) values ($1, $2)`, [name, JSON.stringify(doc)]);
		const r = await db.query<{ id: string; doc: typeof doc }>(`select id, doc from probe where id = $1`, [name]);
		expect(r.rows).toEqual([{ id: name, doc }]);
		await db.query(`delete from probe where id = $1`, [name]);
	});

	it('answers an error and stays usable, outside and inside a transaction', async () => {
		await expect(db.query(`insert into probe (id) values ($1)`, ['a'])).rejects.toMatchObject({
			code: '23505',
			constraint: 'probe_pkey',
			table: 'probe',
			detail: 'Key (id)=(a) already exists.',
			message: expect.stringContaining('duplicate key')
		});
		await expect(db.query(`select * from no_such_table`)).rejects.toMatchObject({ code: '42P01' });
		await expect(
			db.transaction(async (tx) => {
				await tx.query(`insert into probe (id) values ($1)`, ['d']);
				await tx.query(`insert into probe (id) values ($1)`, ['a']);
			})
		).rejects.toMatchObject({ code: '23505' });
		// The transaction left nothing, and the next statements run.
		expect((await db.query(`select count(*)::int as n from probe where id = $1`, ['d'])).rows).toEqual([{ n: 0 }]);
		await db.transaction(async (tx) => {
			await tx.query(`insert into probe (id) values ($1)`, ['d']);
		});
		expect((await db.query(`select count(*)::int as n from probe where id = $1`, ['d'])).rows).toEqual([{ n: 1 }]);
	});

	it('runs the statements a transaction starts side by side one after another, each with its own answer', async () => {
		const answers = await db.transaction((tx) =>
			Promise.all(Array.from({ length: 12 }, (_, i) => tx.query<{ v: string }>(`select $1::text || '-' || $2::text as v`, [`p${i}`, String(i % 4)])))
		);
		expect(answers.map((a) => a.rows[0].v)).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}-${i % 4}`));
	});

	it('prepares a statement again when its table changed shape under it', async () => {
		await db.exec(`create table shape (a int); insert into shape values (1)`);
		expect((await db.query(`select * from shape`)).rows).toEqual([{ a: 1 }]);
		await db.exec(`alter table shape add column b text default 'x'`);
		expect((await db.query(`select * from shape`)).rows).toEqual([{ a: 1, b: 'x' }]);
	});
});
