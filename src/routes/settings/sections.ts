// The settings sections, for the index page and the tabs every settings page shows.
import type { MessageKey } from '$lib/i18n';

export const SECTIONS: { href: string; title: MessageKey; hint: MessageKey; testid: string }[] = [
	{ href: '/settings/users', title: 'settings.users', hint: 'settings.users.hint', testid: 'settings-users' },
	{ href: '/settings/roles', title: 'settings.roles', hint: 'settings.roles.hint', testid: 'settings-roles' },
	{ href: '/settings/tokens', title: 'settings.tokens', hint: 'settings.tokens.hint', testid: 'settings-tokens' },
	{ href: '/settings/reason-codes', title: 'settings.reasons', hint: 'settings.reasons.hint', testid: 'settings-reasons' },
	{ href: '/settings/numbering', title: 'numbering.title', hint: 'numbering.hint', testid: 'settings-numbering' },
	{ href: '/settings/approval-rules', title: 'settings.rules', hint: 'settings.rules.hint', testid: 'settings-rules' },
	{ href: '/settings/alert-rules', title: 'alert.rules', hint: 'alert.rules.hint', testid: 'settings-alert-rules' },
	{ href: '/settings/custom-fields', title: 'settings.fields', hint: 'settings.fields.hint', testid: 'settings-fields' },
	{ href: '/settings/channels', title: 'settings.channels', hint: 'settings.channels.hint', testid: 'settings-channels' },
	{ href: '/settings/system', title: 'settings.system', hint: 'settings.system.hint', testid: 'settings-system' }
];
