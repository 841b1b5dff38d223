// The database port. Both adapters (PGlite embedded, PostgreSQL via pg) speak the same SQL;
// capability code sees only this interface. Numeric results should be cast in SQL (::int, ::float8)
// because the two drivers parse numeric and bigint differently.
import { branded } from '../brand.ts';

export type DbKind = 'pglite' | 'postgres' | 'timescaledb';

export interface QueryResult<T> {
	rows: T[];
	rowCount: number;
}

export interface Queryable {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
	/** Several statements, no parameters (migrations). */
	exec(sql: string): Promise<void>;
	/** COPY … FROM STDIN with this text, where the driver supports it (pg, inside a transaction). */
	copyFrom?(sql: string, data: string): Promise<void>;
}

export interface Db extends Queryable {
	kind: DbKind;
	/**
	 * All-or-nothing: commits when fn resolves, rolls back when it throws. Retried on deadlock, and
	 * (PostgreSQL) when fn throws RetryTransaction and its check says a new attempt can succeed.
	 */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Runs fn while holding a lock that every node sharing this database respects. */
	withLock<T>(key: bigint, fn: (q: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

const RetryBrand = branded('RetryTransaction');

/**
 * Thrown inside a transaction when it failed because of something the process believed about the
 * database (the shape of `events`) that may have changed. After the rollback, on the same connection,
 * `recheck` looks again; when it returns true the transaction runs once more, else `failure` is thrown.
 */
export class RetryTransaction extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return RetryBrand.is(value);
	}

	constructor(
		readonly failure: unknown,
		readonly recheck: (q: Queryable) => Promise<boolean>
	) {
		super('transaction to be run again after a re-check');
		RetryBrand.mark(this);
		this.name = 'RetryTransaction';
	}
}

/** Stable 63-bit keys for advisory locks, named so they can be found. */
export const LOCKS = {
	migrations: 0x4c44_4d49_4752n, // "LDMIGR"
	setup: 0x4c44_5345_5455n // "LDSETU"
} as const;
