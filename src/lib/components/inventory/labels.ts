// Words for movement kinds and for how a location holds goods (usable, or QC and REJECTED: not).
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';
import type { ReasonChoice } from '$server/shared/reason-codes.ts';

const KIND_KEYS = {
	adjustment: 'invKind.adjustment',
	transfer: 'invKind.transfer',
	issue: 'invKind.issue',
	receipt: 'invKind.receipt',
	inspection: 'invKind.inspection',
	shipment: 'invKind.shipment',
	production: 'invKind.production',
	shipment_reversal: 'invKind.shipment_reversal',
	receipt_reversal: 'invKind.receipt_reversal',
	inspection_reversal: 'invKind.inspection_reversal',
	report_reversal: 'invKind.report_reversal'
} satisfies Record<string, MessageKey>;

export const movementLabel = (t: Translate, kind: string): string => (kind in KIND_KEYS ? t(KIND_KEYS[kind as keyof typeof KIND_KEYS]) : kind);

/** Locations whose goods are on the books but never usable (server/inventory/schemas.ts). */
export const CONTROLLED_LOCATIONS: readonly string[] = ['QC', 'REJECTED'];

export const isUsable = (locationId: string) => !CONTROLLED_LOCATIONS.includes(locationId);

/** A reason code offered by the adjust form, in the page's language; retired ones only name history. */
export type { ReasonChoice };
