// The new-user form's values as typed and their conversion to the createUser input. The password
// is never part of the values: a refused form does not send it back to the browser.
import { compact, optional, text } from '../form-values.ts';

export interface UserFormValues {
	username: string;
	displayName: string;
	roles: string[];
	department: string;
}

export const blankUserValues = (): UserFormValues => ({ username: '', displayName: '', roles: [], department: '' });

export function readUserForm(form: FormData): { values: UserFormValues; password: string } {
	const values = {
		username: text(form, 'username'),
		displayName: text(form, 'displayName'),
		roles: form.getAll('roles').filter((v): v is string => typeof v === 'string'),
		department: text(form, 'department')
	};
	return { values, password: text(form, 'password') };
}

/** The createUser input. Required fields are passed even when empty, so the schema names them. */
export const userInput = (v: UserFormValues, password: string) =>
	compact({ username: v.username, displayName: v.displayName, password, roles: v.roles, department: optional(v.department) });

export const USER_FIELDS = ['username', 'displayName', 'password', 'roles', 'department'];
