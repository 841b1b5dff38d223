// Stable error codes with their HTTP status and typed parameters (after Fastify's catalogue). Every
// code the API, the pages or /live may answer is listed here once; clients and the pages translate
// by code and parameters (src/lib/i18n/areas/errors.ts). Messages are for people reading logs and
// API answers. A throw site names a code of this list and passes exactly its parameters: `npm run
// check` fails on an unknown code or a missing or misspelt parameter.
import { z } from 'zod';
import { branded } from './brand.ts';

const id = z.string();
const n = z.number();

export const ERRORS = {
	// Whole requests
	ERR_BAD_JSON: { status: 400 },
	ERR_VALIDATION: { status: 400 },
	ERR_BAD_QUERY: { status: 400 },
	ERR_UNAUTHORIZED: { status: 401 },
	ERR_FORBIDDEN: { status: 403 },
	ERR_NOT_FOUND: { status: 404 },
	/** What the request names existed and was withdrawn (a revoked tracking link). */
	ERR_GONE: { status: 410 },
	/** The input is well-formed but breaks a rule of the stored state; its issues carry the rule's code. */
	ERR_REJECTED: { status: 409 },
	/** An event id already stored (or sent earlier in the batch) with a different body. */
	ERR_EVENT_ID_CONFLICT: { status: 409 },
	ERR_PAYLOAD_TOO_LARGE: { status: 413 },
	ERR_RATE_LIMITED: { status: 429 },
	ERR_INTERNAL: { status: 500 },
	ERR_UNAVAILABLE: { status: 503 },

	// Field checks of the input schemas (server/events/issue-codes.ts derives them from zod's issues)
	ERR_REQUIRED: { status: 400 },
	ERR_UNKNOWN_FIELD: { status: 400 },
	ERR_WRONG_TYPE: { status: 400, params: z.object({ expected: z.string() }) },
	ERR_NOT_A_NUMBER: { status: 400 },
	ERR_NOT_INTEGER: { status: 400 },
	ERR_EMPTY: { status: 400 },
	ERR_TOO_SHORT: { status: 400, params: z.object({ minimum: n }) },
	ERR_TOO_LONG: { status: 400, params: z.object({ maximum: n }) },
	ERR_NOT_POSITIVE: { status: 400 },
	ERR_NEGATIVE: { status: 400 },
	ERR_NOT_ZERO: { status: 400 },
	ERR_TOO_SMALL: { status: 400, params: z.object({ minimum: n }) },
	ERR_TOO_BIG: { status: 400, params: z.object({ maximum: n }) },
	ERR_TOO_FEW: { status: 400, params: z.object({ minimum: n }) },
	ERR_TOO_MANY: { status: 400, params: z.object({ maximum: n }) },
	ERR_INVALID_DATE: { status: 400 },
	ERR_INVALID_EMAIL: { status: 400 },
	ERR_CURRENCY: { status: 400 },
	ERR_INVALID_DATETIME: { status: 400 },
	ERR_DATE_RANGE: { status: 400 },
	ERR_INVALID_UUID: { status: 400 },
	ERR_INVALID_TIME: { status: 400 },
	ERR_INVALID_FORMAT: { status: 400 },
	ERR_INVALID_OPTION: { status: 400, params: z.object({ options: z.string() }) },
	ERR_INVALID: { status: 400 },
	ERR_CONTROL_CHARS: { status: 400 },
	ERR_INVALID_TEXT: { status: 400 },
	ERR_NOT_AN_OBJECT: { status: 400 },
	ERR_JSON_TOO_BIG: { status: 400, params: z.object({ maximum: n }) },
	ERR_JSON_TOO_DEEP: { status: 400, params: z.object({ maximum: n }) },
	ERR_BAD_BODY: { status: 400 },
	/** A body (JSON or CSV) that is not valid UTF-8. */
	ERR_BAD_UTF8: { status: 400 },
	/** A body field that repeats a path parameter (PUT /api/boms/<id>) and differs from it. */
	ERR_PATH_MISMATCH: { status: 400 },
	/** A line repeats an earlier one, `line` (counting from 1, as people do; paths count from 0). */
	ERR_DUPLICATE_LINE: { status: 400, params: z.object({ line: n }) },
	ERR_DUPLICATE_OPERATION: { status: 400 },
	ERR_NOTHING_CHANGED: { status: 400 },
	ERR_NOTHING_REPORTED: { status: 400 },
	ERR_NOTHING_INSPECTED: { status: 400 },
	ERR_LOT_SIZE_REQUIRED: { status: 400, params: z.object({ rule: z.enum(['FOQ', 'POQ']) }) },
	ERR_SAME_LOCATION: { status: 400 },
	ERR_SAME_PASSWORD: { status: 400 },
	ERR_USERNAME_CHARS: { status: 400 },
	ERR_FIELD_KEY: { status: 400 },
	ERR_CHOICES_MISMATCH: { status: 400 },
	ERR_EVENT_TYPE_FORMAT: { status: 400 },
	ERR_UNKNOWN_EVENT_TYPE: { status: 400 },
	ERR_TOKEN_SCOPE_KIND: { status: 400, params: z.object({ kind: z.enum(['api', 'kiosk']) }) },
	ERR_NOT_ABOVE: { status: 400, params: z.object({ field: id }) },
	ERR_EVENT_TYPE_DENIED: { status: 403, params: z.object({ type: id }) },
	/** Alert channels: a webhook URL that is not http(s), or not https to an official robot host, or to a host not allowed. */
	ERR_WEBHOOK_URL: { status: 400 },
	ERR_WEBHOOK_HTTPS: { status: 400, params: z.object({ host: id }) },
	ERR_WEBHOOK_HOST: { status: 400, params: z.object({ host: id }) },

	// Master data
	ERR_UNKNOWN_ITEM: { status: 409, params: z.object({ itemId: id }) },
	ERR_UNKNOWN_CUSTOMER: { status: 409, params: z.object({ customerId: id }) },
	ERR_UNKNOWN_SUPPLIER: { status: 409, params: z.object({ supplierId: id }) },
	ERR_ITEM_EXISTS: { status: 409 },
	ERR_CUSTOMER_EXISTS: { status: 409 },
	ERR_SUPPLIER_EXISTS: { status: 409 },
	ERR_SUPPLIER_ITEM_EXISTS: { status: 409 },
	ERR_CUSTOMER_PRICE_EXISTS: { status: 409 },
	ERR_BOM_UNKNOWN_ITEM: { status: 409, params: z.object({ itemId: id }) },
	/** `cycle` is the loop of item ids, "A → B → A". */
	ERR_BOM_CYCLE: { status: 409, params: z.object({ cycle: id }) },
	ERR_CUSTOM_UNKNOWN: { status: 409, params: z.object({ key: id }) },
	ERR_CUSTOM_REQUIRED: { status: 409, params: z.object({ key: id }) },
	/** A custom value failing its type's check: `problem` is that check's code, with its parameters. */
	ERR_CUSTOM_INVALID: { status: 409, params: z.object({ key: id, problem: id }).catchall(z.union([id, n])) },
	ERR_CUSTOM_RANGE: { status: 400 },
	ERR_FIELD_EXISTS: { status: 409 },
	ERR_REASON_EXISTS: { status: 409 },
	ERR_RULE_EXISTS: { status: 409 },
	ERR_UNKNOWN_REASON: { status: 409, params: z.object({ reasonCode: id, list: id }) },
	ERR_REASON_REQUIRED: { status: 409 },

	// Corrections (server/events/reversal.ts)
	/** The event a correction names is not in the log, or is not of the kind it corrects. */
	ERR_REVERSAL_NOT_FOUND: { status: 409, params: z.object({ eventId: id }) },
	/** A correction repeats what it reverses; `field` differs from the original event. */
	ERR_REVERSAL_MISMATCH: { status: 409, params: z.object({ field: id }) },
	ERR_ALREADY_REVERSED: { status: 409, params: z.object({ eventId: id }) },
	/** A receipt whose goods were inspected: the inspection is corrected first. */
	ERR_RECEIPT_INSPECTED: { status: 409, params: z.object({ uninspected: n }) },

	// Sales
	ERR_SO_UNKNOWN: { status: 409, params: z.object({ orderId: id }) },
	ERR_SO_EXISTS: { status: 409, params: z.object({ orderId: id }) },
	ERR_SO_DEPARTMENT: { status: 409, params: z.object({ department: id }) },
	ERR_SO_UNKNOWN_LINE: { status: 409, params: z.object({ lineId: id }) },
	ERR_SO_LINE_CANCELLED: { status: 409, params: z.object({ lineId: id }) },
	ERR_SO_LINE_SHIPPED: { status: 409, params: z.object({ lineId: id }) },
	ERR_SO_QTY_BELOW_SHIPPED: { status: 409, params: z.object({ shipped: n }) },
	ERR_SO_OVER_SHIPMENT: { status: 409, params: z.object({ open: n }) },

	// Stock
	/** Not enough on hand: at a location, or (with `need`) for a backflush. */
	ERR_STOCK_NEGATIVE: {
		status: 409,
		params: z.object({ itemId: id, onHand: n, locationId: id.optional(), need: n.optional() })
	},
	/** QC and REJECTED: goods `leave` only through inspection, `enter` only through receipts, are not for `use`. */
	ERR_LOCATION_CONTROLLED: { status: 409, params: z.object({ locationId: id, move: z.enum(['leave', 'enter', 'use']) }) },

	// Production
	/** Finished beyond the order's quantity and its item's tolerance, without an over-production reason. */
	ERR_MO_OVER_PRODUCTION: { status: 409, params: z.object({ open: n, allowed: n }) },
	ERR_UNKNOWN_WORK_CENTER: { status: 409, params: z.object({ workCenterId: id }) },
	ERR_KPI_UNKNOWN: { status: 409, params: z.object({ kpi: id }) },
	ERR_WC_EXISTS: { status: 409 },
	ERR_ITEM_IS_BOUGHT: { status: 409, params: z.object({ itemId: id }) },
	ERR_MO_UNKNOWN: { status: 409, params: z.object({ productionOrderId: id }) },
	ERR_MO_EXISTS: { status: 409, params: z.object({ productionOrderId: id }) },
	ERR_MO_CLOSED: { status: 409, params: z.object({ status: id }) },
	ERR_MO_TRANSITION: { status: 409, params: z.object({ from: id, to: id }) },
	ERR_MO_UNKNOWN_OPERATION: { status: 409, params: z.object({ seq: n }) },
	ERR_MO_NOTHING_GOOD: { status: 409 },
	ERR_MO_LINE_WITHOUT_ORDER: { status: 400 },

	// Purchasing
	ERR_REQ_EXISTS: { status: 409, params: z.object({ requisitionId: id }) },
	ERR_REQ_UNKNOWN: { status: 409, params: z.object({ requisitionId: id }) },
	ERR_REQ_NOT_PENDING: { status: 409, params: z.object({ status: id }) },
	ERR_REQ_OWN: { status: 409 },
	/** `step` counts from 1, as people do. */
	ERR_REQ_NOT_YOUR_STEP: { status: 409, params: z.object({ step: n, role: id }) },
	ERR_REQ_NOT_APPROVED: { status: 409, params: z.object({ requisitionId: id, status: id }) },
	ERR_NO_APPROVAL_RULE: { status: 409 },
	ERR_PO_EXISTS: { status: 409, params: z.object({ poId: id }) },
	ERR_PO_UNKNOWN_LINE: { status: 409, params: z.object({ poId: id, lineId: id }) },
	ERR_PO_OVER_RECEIPT: { status: 409, params: z.object({ open: n }) },
	/** Nothing is left to receive on the line (e.g. nothing to expedite). */
	ERR_PO_LINE_RECEIVED: { status: 409, params: z.object({ poId: id, lineId: id }) },
	ERR_INSPECTION_EXCEEDS_RECEIPT: { status: 409, params: z.object({ waiting: n }) },

	// Planning
	/** The stored plan has no such planned order (any more): the page showed an older plan. */
	ERR_PLANNED_ORDER_UNKNOWN: { status: 409, params: z.object({ plannedOrderId: id }) },
	ERR_PLANNED_ORDER_PENDING: { status: 409, params: z.object({ plannedOrderId: id, requisitionId: id }) },

	// Alerts
	/** A dedupe key pattern naming a placeholder alerts do not have. */
	ERR_ALERT_PLACEHOLDER: { status: 400, params: z.object({ name: id, allowed: id }) },
	ERR_ALERT_UNKNOWN: { status: 409, params: z.object({ alertId: id }) },
	ERR_ALERT_RESOLVED: { status: 409, params: z.object({ alertId: id }) },
	ERR_ALERT_ACKNOWLEDGED: { status: 409, params: z.object({ alertId: id }) },
	/** Only the alert's owner (its role, department or user, now or when raised) or an administrator. */
	ERR_ALERT_NOT_OWNER: { status: 403 },

	// Users and tokens
	ERR_USER_EXISTS: { status: 409, params: z.object({ username: id }) },
	ERR_USER_UNKNOWN: { status: 409, params: z.object({ username: id }) },
	ERR_USER_DISABLED: { status: 409, params: z.object({ username: id }) },
	ERR_USER_ENABLED: { status: 409, params: z.object({ username: id }) },
	ERR_USER_SELF: { status: 409 },
	ERR_NOT_A_USER: { status: 409 },
	ERR_WRONG_PASSWORD: { status: 409 },
	ERR_TOKEN_UNKNOWN: { status: 404, params: z.object({ tokenId: id }) },
	ERR_TOKEN_FROM_ENV: { status: 409 },

	// Import (the form's own checks; rows report the codes above)
	ERR_IMPORT_KIND: { status: 400 },
	ERR_IMPORT_NO_FILE: { status: 400 },
	ERR_IMPORT_FILE_TYPE: { status: 400 },
	ERR_IMPORT_TOO_LARGE: { status: 413 },
	ERR_IMPORT_UNREADABLE: { status: 400 },
	ERR_IMPORT_UNKNOWN_COLUMN: { status: 400, params: z.object({ column: id }) },
	ERR_IMPORT_MISSING_COLUMN: { status: 400, params: z.object({ column: id }) },
	ERR_YES_OR_NO: { status: 400 },

	// /live (WebSocket error messages, which name their topic in their own `topic` field; the status is
	// what the same refusal answers over HTTP)
	ERR_LIVE_BAD_MESSAGE: { status: 400 },
	ERR_LIVE_UNKNOWN_TOPIC: { status: 404 },
	ERR_LIVE_FORBIDDEN: { status: 403 },
	ERR_LIVE_LIMIT: { status: 429 },
	ERR_LIVE_SNAPSHOT_FAILED: { status: 503 }
} satisfies Record<`ERR_${string}`, { status: number; params?: z.ZodObject }>;

export type ErrorCode = keyof typeof ERRORS;

/** The parameters of a code: an object type, `{}`-like for a code without any. */
export type ErrorParams<C extends ErrorCode> = (typeof ERRORS)[C] extends { params: z.ZodType<infer P> } ? P : Record<string, never>;

/** The trailing parameters argument of a throw: required when the code has a required parameter. */
export type ParamsArg<C extends ErrorCode> = {} extends ErrorParams<C> ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERRORS, code);

export const statusOf = (code: ErrorCode): number => ERRORS[code].status;

const AppErrorBrand = branded('AppError');

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return AppErrorBrand.is(value);
	}

	constructor(
		readonly code: C,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		AppErrorBrand.mark(this);
		this.name = 'AppError';
	}

	get status(): number {
		return statusOf(this.code);
	}

	toJSON() {
		return { error: this.message, code: this.code, ...this.details };
	}
}
