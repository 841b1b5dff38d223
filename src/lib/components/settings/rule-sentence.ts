// An approval rule in one sentence, for the rules table: "amount ≥ 10,000 and category metal →
// purchasing, then manager". Pure: the words come from the page's translator, role names and
// number formatting from the caller. Bounds read as server/purchasing/approval.ts applies them
// (at least the minimum, below the maximum).
import type { Translate } from '../issues.ts';
import type { RuleRow } from './rule-form.ts';

export function ruleConditions(t: Translate, c: RuleRow['conditions'], roleName: (role: string) => string, num: (n: number) => string): string {
	const or = (list: readonly string[]) => list.join(t('settings.rule.s.or'));
	const parts: string[] = [];
	if (c.minAmount !== undefined) parts.push(t('settings.rule.s.min', { n: num(c.minAmount) }));
	if (c.maxAmount !== undefined) parts.push(t('settings.rule.s.max', { n: num(c.maxAmount) }));
	if (c.categories?.length) parts.push(t('settings.rule.s.categories', { list: or(c.categories) }));
	if (c.supplierIds?.length) parts.push(t('settings.rule.s.suppliers', { list: or(c.supplierIds) }));
	if (c.requesterRoles?.length) parts.push(t('settings.rule.s.requesters', { list: or(c.requesterRoles.map(roleName)) }));
	return parts.length ? parts.join(t('settings.rule.s.and')) : t('settings.rule.s.any');
}

export function ruleOutcome(t: Translate, steps: RuleRow['steps'], roleName: (role: string) => string): string {
	return steps.length ? steps.map((s) => roleName(s.role)).join(t('settings.rule.s.then')) : t('settings.rule.s.auto');
}

export const ruleSentence = (t: Translate, rule: RuleRow, roleName: (role: string) => string, num: (n: number) => string): string =>
	`${ruleConditions(t, rule.conditions, roleName, num)} → ${ruleOutcome(t, rule.steps, roleName)}`;
