// Approval rules as the settings page lists and edits them, straight from their table (inactive
// ones too: the admin sees everything). Which rule applies to a requisition is decided in approval.ts.
import type { Queryable } from '../db/db.ts';

/** A stored rule, as the table holds it (conditions and steps are JSON). */
export interface RuleRow {
	ruleId: string;
	name: string;
	priority: number;
	conditions: {
		minAmount?: number;
		maxAmount?: number;
		categories?: string[];
		supplierIds?: string[];
		requesterRoles?: string[];
	};
	steps: { role: string }[];
	active: boolean;
}

const RULE_COLUMNS = 'rule_id as "ruleId", name, priority, conditions, steps, active';

/** In the order they are tried: priority, then id (approval.ts). */
export async function listRules(q: Queryable): Promise<RuleRow[]> {
	return (await q.query<RuleRow>(`select ${RULE_COLUMNS} from approval_rules order by priority, rule_id`)).rows;
}

export async function getRule(q: Queryable, ruleId: string): Promise<RuleRow | null> {
	return (await q.query<RuleRow>(`select ${RULE_COLUMNS} from approval_rules where rule_id = $1`, [ruleId])).rows[0] ?? null;
}
