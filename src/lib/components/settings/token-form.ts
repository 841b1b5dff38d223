// The new-token form's values as typed and their conversion to the token input
// (server/auth/token-input.ts). Event types and read areas belong to API tokens (none of either: the
// server refuses the token, which could do nothing) and screens to kiosk tokens (empty: every screen);
// what was left in the field of another kind is dropped.
import { compact, optional, text } from '../form-values.ts';
import { commaList, nonEmpty } from './lists.ts';

export const TOKEN_KINDS = ['api', 'kiosk', 'admin'] as const;

export interface TokenFormValues {
	name: string;
	kind: string;
	eventTypes: string[];
	reads: string[];
	screens: string;
}

export const blankTokenValues = (): TokenFormValues => ({ name: '', kind: 'api', eventTypes: [], reads: [], screens: '' });

export function readTokenForm(form: FormData): TokenFormValues {
	return {
		name: text(form, 'name'),
		kind: text(form, 'kind'),
		eventTypes: form.getAll('eventTypes').filter((v): v is string => typeof v === 'string' && v !== ''),
		reads: form.getAll('reads').filter((v): v is string => typeof v === 'string' && v !== ''),
		screens: text(form, 'screens')
	};
}

export const tokenInput = (v: TokenFormValues) =>
	compact({
		name: v.name,
		kind: optional(v.kind),
		eventTypes: v.kind === 'api' ? nonEmpty(v.eventTypes) : undefined,
		reads: v.kind === 'api' ? nonEmpty(v.reads) : undefined,
		screens: v.kind === 'kiosk' ? nonEmpty(commaList(v.screens)) : undefined
	});

export const TOKEN_FIELDS = ['name', 'kind', 'eventTypes', 'reads', 'screens'];

/** The token just created, shown once: its secret is not stored anywhere it could be read again. */
export interface CreatedToken {
	id: string;
	name: string;
	kind: string;
	token: string;
}
