// The few PostgreSQL protocol messages the embedded database's kept statements need, written and read
// here directly (https://www.postgresql.org/docs/current/protocol-message-formats.html): a Bind of text
// values, Execute and Sync out; DataRow, CommandComplete and ErrorResponse back. PGlite's own
// protocol layer copies every field into a fresh buffer and builds message objects before the rows;
// on the embedded database that cost more than running many of the statements.

/** A column of a statement's result: its name and the parser of its type (none: the text as is). */
export interface ResultColumn {
	name: string;
	parse?: (text: string, oid: number) => unknown;
	oid: number;
}

/** An error the database answered, with the fields of its ErrorResponse (`code` is the SQLSTATE). */
export class EmbeddedDatabaseError extends Error {
	severity?: string;
	code?: string;
	detail?: string;
	hint?: string;
	position?: string;
	internalPosition?: string;
	internalQuery?: string;
	where?: string;
	schema?: string;
	table?: string;
	column?: string;
	dataType?: string;
	constraint?: string;
	file?: string;
	line?: string;
	routine?: string;

	constructor(message: string) {
		super(message);
		this.name = 'EmbeddedDatabaseError';
	}
}

const ERROR_FIELDS: Record<string, keyof EmbeddedDatabaseError> = {
	S: 'severity',
	C: 'code',
	D: 'detail',
	H: 'hint',
	P: 'position',
	p: 'internalPosition',
	q: 'internalQuery',
	W: 'where',
	s: 'schema',
	t: 'table',
	c: 'column',
	d: 'dataType',
	n: 'constraint',
	F: 'file',
	L: 'line',
	R: 'routine'
};

/** Bind (unnamed portal, text values and results), Execute (all rows) and Sync, in one buffer. */
export function bindExecuteSync(statement: string, values: readonly (string | null)[]): Uint8Array {
	const encoded = values.map((v) => (v === null ? null : Buffer.from(v, 'utf8')));
	const nameLength = Buffer.byteLength(statement);
	let bindLength = 4 + 1 + nameLength + 1 + 2 + 2 + 2;
	for (const v of encoded) bindLength += 4 + (v ? v.length : 0);
	const out = Buffer.allocUnsafe(1 + bindLength + 10 + 5);
	let at = 0;
	out[at++] = 0x42; // 'B'
	out.writeInt32BE(bindLength, at);
	at += 4;
	out[at++] = 0; // unnamed portal
	at += out.write(statement, at, 'utf8');
	out[at++] = 0;
	out.writeInt16BE(0, at); // every parameter in text format
	at += 2;
	out.writeInt16BE(encoded.length, at);
	at += 2;
	for (const v of encoded) {
		if (v === null) {
			out.writeInt32BE(-1, at);
			at += 4;
		} else {
			out.writeInt32BE(v.length, at);
			at += 4;
			v.copy(out, at);
			at += v.length;
		}
	}
	out.writeInt16BE(0, at); // every result column in text format
	at += 2;
	out[at++] = 0x45; // 'E'
	out.writeInt32BE(9, at);
	at += 4;
	out[at++] = 0; // unnamed portal
	out.writeInt32BE(0, at); // no row limit
	at += 4;
	out[at++] = 0x53; // 'S'
	out.writeInt32BE(4, at);
	return out;
}

export interface Decoded {
	rows: Record<string, unknown>[];
	/** The number in the command tag (rows a write touched, or a select answered); null without one. */
	tagCount: number | null;
	error: EmbeddedDatabaseError | null;
}

function readError(buf: Buffer, from: number, to: number): EmbeddedDatabaseError {
	const fields: Record<string, string> = {};
	let at = from;
	while (at < to && buf[at] !== 0) {
		const code = String.fromCharCode(buf[at]);
		const end = buf.indexOf(0, at + 1);
		fields[code] = buf.toString('utf8', at + 1, end);
		at = end + 1;
	}
	const err = new EmbeddedDatabaseError(fields.M ?? 'database error');
	for (const [k, prop] of Object.entries(ERROR_FIELDS)) if (fields[k] !== undefined) (err as unknown as Record<string, string>)[prop] = fields[k];
	return err;
}

/** Reads a response to bindExecuteSync: the rows as objects keyed by column name, parsed by type. */
export function decodeResponse(data: Uint8Array, columns: readonly ResultColumn[]): Decoded {
	const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	const rows: Record<string, unknown>[] = [];
	let tagCount: number | null = null;
	let error: EmbeddedDatabaseError | null = null;
	let at = 0;
	while (at + 5 <= buf.length) {
		const type = buf[at];
		const end = at + 1 + buf.readInt32BE(at + 1);
		const body = at + 5;
		if (type === 0x44) {
			// DataRow
			let p = body;
			const n = buf.readInt16BE(p);
			p += 2;
			const row: Record<string, unknown> = {};
			for (let i = 0; i < n; i++) {
				const length = buf.readInt32BE(p);
				p += 4;
				const col = columns[i];
				if (length < 0) row[col.name] = null;
				else {
					const text = buf.toString('utf8', p, p + length);
					p += length;
					row[col.name] = col.parse ? col.parse(text, col.oid) : text;
				}
			}
			rows.push(row);
		} else if (type === 0x43) {
			// CommandComplete: "INSERT 0 3", "UPDATE 2", "SELECT 5", "CREATE TABLE"
			const tag = buf.toString('utf8', body, end - 1);
			const n = Number(tag.slice(tag.lastIndexOf(' ') + 1));
			if (Number.isInteger(n)) tagCount = n;
		} else if (type === 0x45 && !error) error = readError(buf, body, end);
		at = end;
	}
	return { rows, tagCount, error };
}
