// The roles' names in the page's language: approval steps name a role.
import type { Locale } from '$lib/i18n';
import { ROLE_LABELS, ROLES } from '$server/auth/roles.ts';

export const roleNames = (locale: Locale): Record<string, string> => Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r][locale]]));
