// Projection of numbering.pattern_set into numbering_patterns: the latest pattern per kind by business
// time. The running numbers (document_sequences) are no projection: they are counters the creating
// commands move, kept through a rebuild; numbers already taken are skipped whatever they say.
import type { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { numberingPatternSetSchema } from './schemas.ts';

export const numberingPatternSet: Projector<z.infer<typeof numberingPatternSetSchema>> = {
	type: 'numbering.pattern_set',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.kind).map((e) => ({ kind: e.data.kind, pattern: e.data.pattern, by: e.actor ?? e.source, at: e.occurredAt, id: e.id }));
		await tx.query(
			`insert into numbering_patterns (kind, pattern, updated_by, version_at, version_id)
			select kind, pattern, by, at, id from jsonb_to_recordset($1::jsonb) as x(kind text, pattern text, by text, at timestamptz, id uuid)
			on conflict (kind) do update set pattern = excluded.pattern, updated_by = excluded.updated_by,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (numbering_patterns.version_at, numbering_patterns.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const numberingProjectors = [numberingPatternSet] as Projector[];

export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate numbering_patterns');
}
