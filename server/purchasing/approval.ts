// Which approval rule decides a requisition: pure, so the rule table can be tested and explained.
import type { ApprovalRule } from './schemas.ts';

export interface RequisitionFacts {
	amount: number;
	category: string | null;
	supplierId: string | null;
	requesterRole: string;
}

export function ruleMatches(rule: ApprovalRule, f: RequisitionFacts): boolean {
	const c = rule.conditions;
	if (c.minAmount !== undefined && f.amount < c.minAmount) return false;
	if (c.maxAmount !== undefined && f.amount >= c.maxAmount) return false;
	if (c.categories && !(f.category && c.categories.includes(f.category))) return false;
	if (c.supplierIds && !(f.supplierId && c.supplierIds.includes(f.supplierId))) return false;
	if (c.requesterRoles && !c.requesterRoles.includes(f.requesterRole as never)) return false;
	return true;
}

/** The first active rule, by priority then id, whose conditions hold; null when none does. */
export function chooseRule(rules: ApprovalRule[], f: RequisitionFacts): ApprovalRule | null {
	const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.priority - b.priority || (a.ruleId < b.ruleId ? -1 : 1));
	return ordered.find((r) => ruleMatches(r, f)) ?? null;
}

/** Rules every installation starts with: small requisitions approve themselves, others need a manager. */
export const DEFAULT_APPROVAL_RULES: ApprovalRule[] = [
	{ ruleId: 'AUTO_UNDER_5000', name: 'Auto-approve under 5,000', priority: 100, conditions: { maxAmount: 5000 }, steps: [], active: true },
	{ ruleId: 'MANAGER', name: 'Manager approves the rest', priority: 1000, conditions: {}, steps: [{ role: 'manager' }], active: true }
];
