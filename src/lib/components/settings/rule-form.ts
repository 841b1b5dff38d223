// The approval-rule form's values as typed and their conversion to the saveApprovalRule input.
// Conditions left empty do not limit the rule; steps are roles in the order they approve (none:
// requisitions under the rule approve themselves). Field names are the input's paths.
import { compact, num, text } from '../form-values.ts';
import { commaList, joinList, nonEmpty } from './lists.ts';
import type { RuleRow } from '$server/purchasing/approval-rule.queries.ts';

export const MAX_STEPS = 5;

export interface RuleFormValues {
	ruleId: string;
	name: string;
	priority: string;
	minAmount: string;
	maxAmount: string;
	categories: string;
	supplierIds: string;
	requesterRoles: string[];
	steps: string[];
	active: boolean;
}

/** A stored rule, as the table holds it (conditions and steps are JSON). */
export type { RuleRow };

export const blankRuleValues = (): RuleFormValues => ({
	ruleId: '',
	name: '',
	priority: '',
	minAmount: '',
	maxAmount: '',
	categories: '',
	supplierIds: '',
	requesterRoles: [],
	steps: ['manager'],
	active: true
});

const str = (v: number | undefined) => (v === undefined ? '' : String(v));

export const ruleValues = (r: RuleRow): RuleFormValues => ({
	ruleId: r.ruleId,
	name: r.name,
	priority: String(r.priority),
	minAmount: str(r.conditions.minAmount),
	maxAmount: str(r.conditions.maxAmount),
	categories: joinList(r.conditions.categories),
	supplierIds: joinList(r.conditions.supplierIds),
	requesterRoles: [...(r.conditions.requesterRoles ?? [])],
	steps: r.steps.map((s) => s.role),
	active: r.active
});

const strings = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

export function readRuleForm(form: FormData): RuleFormValues {
	return {
		ruleId: text(form, 'ruleId'),
		name: text(form, 'name'),
		priority: text(form, 'priority'),
		minAmount: text(form, 'conditions.minAmount'),
		maxAmount: text(form, 'conditions.maxAmount'),
		categories: text(form, 'conditions.categories'),
		supplierIds: text(form, 'conditions.supplierIds'),
		requesterRoles: strings(form, 'conditions.requesterRoles'),
		steps: strings(form, 'steps').filter((s) => s !== ''),
		active: form.has('active')
	};
}

/** The saveApprovalRule input. Required fields are passed even when empty, so the schema names them. */
export const ruleInput = (v: RuleFormValues) => ({
	ruleId: v.ruleId,
	name: v.name,
	...compact({ priority: num(v.priority) }),
	conditions: compact({
		minAmount: num(v.minAmount),
		maxAmount: num(v.maxAmount),
		categories: nonEmpty(commaList(v.categories)),
		supplierIds: nonEmpty(commaList(v.supplierIds)),
		requesterRoles: nonEmpty(v.requesterRoles)
	}),
	steps: v.steps.map((role) => ({ role })),
	active: v.active
});

export const RULE_LIST_FIELDS = ['conditions.categories', 'conditions.supplierIds', 'conditions.requesterRoles'];

const RULE_FIELDS = ['ruleId', 'name', 'priority', 'conditions.minAmount', 'conditions.maxAmount', 'steps', 'active', ...RULE_LIST_FIELDS];

export const isRuleFieldPath = (p: string) => RULE_FIELDS.includes(p) || /^steps\.\d+\.role$/.test(p);
