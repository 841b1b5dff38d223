// The new-token form's values as typed and their conversion to the token input
// (server/auth/token-input.ts). Event types belong to API tokens and screens to kiosk tokens; what
// was left in the field of another kind is dropped, and an empty limit means "every".
import { compact, optional, text } from '../form-values.ts';
import { commaList, nonEmpty } from './lists.ts';

export const TOKEN_KINDS = ['api', 'kiosk', 'admin'] as const;

export interface TokenFormValues {
	name: string;
	kind: string;
	eventTypes: string[];
	screens: string;
}

export const blankTokenValues = (): TokenFormValues => ({ name: '', kind: 'api', eventTypes: [], screens: '' });

export function readTokenForm(form: FormData): TokenFormValues {
	return {
		name: text(form, 'name'),
		kind: text(form, 'kind'),
		eventTypes: form.getAll('eventTypes').filter((v): v is string => typeof v === 'string' && v !== ''),
		screens: text(form, 'screens')
	};
}

export const tokenInput = (v: TokenFormValues) =>
	compact({
		name: v.name,
		kind: optional(v.kind),
		eventTypes: v.kind === 'api' ? nonEmpty(v.eventTypes) : undefined,
		screens: v.kind === 'kiosk' ? nonEmpty(commaList(v.screens)) : undefined
	});

export const TOKEN_FIELDS = ['name', 'kind', 'eventTypes', 'screens'];

/** The token just created, shown once: its secret is not stored anywhere it could be read again. */
export interface CreatedToken {
	id: string;
	name: string;
	kind: string;
	token: string;
}
