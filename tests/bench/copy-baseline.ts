// The ingest baseline: the same rows COPYed straight into a table shaped like `events` (created with
// LIKE … INCLUDING ALL, so columns, identity, primary key and indexes follow the migrations).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RawEvent } from '../support/events.ts';

export const COPY_COLUMNS = ['id', 'type', 'occurred_at', 'source', 'actor', 'data'] as const;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of COPY's text format: \N for null; backslash, newline, carriage return and tab escaped. */
export function copyField(v: string | null | undefined): string {
	return v === null || v === undefined ? '\\N' : v.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}

/** A batch as COPY text rows in COPY_COLUMNS order: the same values the ingest API stores. */
export function copyText(batch: RawEvent[]): Buffer {
	let text = '';
	for (const e of batch) {
		text += [e.id, e.type, e.occurredAt, e.source, e.actor ?? null, JSON.stringify(e.data)].map(copyField).join('\t') + '\n';
	}
	return Buffer.from(text, 'utf8');
}

/** A fresh table with the shape of `events` (which the server's migrations must have created). */
export async function createCopyTable(q: pg.ClientBase, table: string): Promise<void> {
	await q.query(`create table ${table} (like events including all)`);
}

/** One COPY (its own transaction) per call, on a dedicated connection per sender. */
export class CopySenders {
	private constructor(private readonly clients: pg.Client[]) {}

	static async open(url: string, n: number): Promise<CopySenders> {
		const clients = Array.from({ length: n }, () => new pg.Client({ connectionString: url, application_name: 'liandong-bench-copy' }));
		await Promise.all(clients.map((c) => c.connect()));
		return new CopySenders(clients);
	}

	async copy(sender: number, table: string, text: Buffer): Promise<void> {
		const sink = this.clients[sender].query(copyFrom(`copy ${table} (${COPY_COLUMNS.join(', ')}) from stdin`));
		await pipeline(Readable.from([text]), sink);
	}

	async close(): Promise<void> {
		await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
	}
}
