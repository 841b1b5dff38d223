// Stable error codes with their HTTP status (after Fastify's catalogue). Clients and the UI
// translate by code; messages are for people reading logs and API answers.
import { branded } from './brand.ts';

export const ERRORS = {
	ERR_BAD_JSON: 400,
	ERR_VALIDATION: 400,
	ERR_BAD_QUERY: 400,
	ERR_UNAUTHORIZED: 401,
	ERR_FORBIDDEN: 403,
	ERR_NOT_FOUND: 404,
	/** The input is well-formed but breaks a rule of the stored state (a BOM cycle, an unknown item). */
	ERR_REJECTED: 409,
	/** An event id already stored (or sent earlier in the batch) with a different body. */
	ERR_EVENT_ID_CONFLICT: 409,
	ERR_PAYLOAD_TOO_LARGE: 413,
	ERR_RATE_LIMITED: 429,
	ERR_UNAVAILABLE: 503
} as const;

export type ErrorCode = keyof typeof ERRORS;

const AppErrorBrand = branded('AppError');

export class AppError extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return AppErrorBrand.is(value);
	}

	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		AppErrorBrand.mark(this);
		this.name = 'AppError';
	}

	get status(): number {
		return ERRORS[this.code];
	}

	toJSON() {
		return { error: this.message, code: this.code, ...this.details };
	}
}
