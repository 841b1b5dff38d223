import type { Locale } from '$lib/i18n';
import type { User } from '$server/auth/users.ts';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user, from the session cookie. */
			user: User | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
