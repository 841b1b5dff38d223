import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { readRuleForm, ruleInput, ruleValues } from '$lib/components/settings/rule-form';
import { execute } from '$server/commands/command.ts';
import { saveApprovalRule } from '$server/purchasing/commands.ts';
import { attempt, savedRedirect, taken } from '../form-actions.server.ts';
import { getRule, listRules } from '$server/purchasing/approval-rule.queries.ts';
import { roleChoices } from '../choices.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The approval rules of requisitions, in the order they are tried (the first active rule whose
// conditions hold decides the steps), and one form to add a rule or change one (?rule=… opens it).
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveApprovalRule.roles);
	const rt = await runtime();
	const rules = await listRules(rt.db);
	const ruleId = url.searchParams.get('rule');
	const editing = ruleId === null ? null : (rules.find((r) => r.ruleId === ruleId) ?? null);
	return {
		rules,
		roles: roleChoices(locals.locale),
		editing: editing ? ruleValues(editing) : null,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, saveApprovalRule.roles);
		const rt = await runtime();
		const form = await request.formData();
		const values = readRuleForm(form);
		const editing = form.has('editing');
		if (!editing && values.ruleId.trim() && (await getRule(rt.db, values.ruleId.trim()))) {
			return fail(409, { values, editing, issues: taken('ruleId', 'ERR_RULE_EXISTS', 'a rule with this id exists already') });
		}
		const out = await attempt(() => execute(rt, saveApprovalRule, ruleInput(values), userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		savedRedirect('approval-rules', out.result.ruleId);
	}
};
