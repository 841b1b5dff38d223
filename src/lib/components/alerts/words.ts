// How the alert pages and the bell word an alert's owner and age, in the page's language.
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';

export function ownerText(t: Translate, owner: { kind: string; id: string }, roleLabels: Record<string, string>): string {
	const name = owner.kind === 'role' ? (roleLabels[owner.id] ?? owner.id) : owner.id;
	return t(`alert.owner.${owner.kind}` as MessageKey, { name });
}

/** How long ago an alert was raised: minutes under two hours, hours under two days, then days. */
export function ageOf(t: Translate, raisedAt: string, now: string): string {
	const minutes = Math.max(0, Math.floor((new Date(now).getTime() - new Date(raisedAt).getTime()) / 60_000));
	if (minutes < 120) return t('alert.age.minutes', { n: minutes });
	if (minutes < 48 * 60) return t('alert.age.hours', { n: Math.floor(minutes / 60) });
	return t('alert.age.days', { n: Math.floor(minutes / 1440) });
}
