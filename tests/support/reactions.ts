// A durable reaction for tests: records each event it is handed in `reaction_log`, in the same
// transaction that moves its cursor, so the table shows exactly what the reaction processed.
import type { Queryable } from '../../server/db/db.ts';
import type { Reaction } from '../../server/jobs/consumer.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/runtime.ts';
import { testConfig, type TestDatabase } from './backend.ts';

export const REACTION_LOG_DDL = `create table if not exists reaction_log (
	reaction text not null,
	event_id uuid not null,
	node text not null,
	at bigserial
)`;

/** Migrates the database and adds `reaction_log`, before any runtime with a recording reaction opens it. */
export async function prepareReactionLog(database: TestDatabase): Promise<void> {
	const db = await openDatabase(testConfig(database.env));
	try {
		await migrate(db);
		await db.exec(REACTION_LOG_DDL);
	} finally {
		await db.close();
	}
}

export function recordingReaction(name: string, node: string, over: Partial<Reaction> = {}): Reaction {
	return {
		name,
		batchSize: 7,
		async handle(tx, events) {
			await tx.query(
				'insert into reaction_log (reaction, event_id, node) select $1, id, $2 from unnest($3::uuid[]) with ordinality as x(id, n) order by n',
				[name, node, events.map((e) => e.id)]
			);
		},
		...over
	};
}

/** The event ids a reaction recorded, in the order it recorded them. */
export async function recorded(q: Queryable, name: string): Promise<{ id: string; node: string }[]> {
	const r = await q.query<{ id: string; node: string }>('select event_id as id, node from reaction_log where reaction = $1 order by at', [name]);
	return r.rows;
}
