import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { alertRuleInput, alertRuleValues, readAlertRuleForm } from '$lib/components/alerts/rule-form';
import { execute } from '$server/commands/command.ts';
import { saveAlertRule } from '$server/alerts/commands.ts';
import { listAlertRules } from '$server/alerts/alert.queries.ts';
import { attempt, savedRedirect, taken } from '../form-actions.server.ts';
import { roleChoices } from '../choices.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The alert rules (one per kind to start with) and one form to add a rule or change one (?rule=…).
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveAlertRule.roles);
	const rt = await runtime();
	const rules = await listAlertRules(rt.db);
	const ruleId = url.searchParams.get('rule');
	const editing = ruleId === null ? null : (rules.find((r) => r.ruleId === ruleId) ?? null);
	return {
		rules,
		roles: roleChoices(locals.locale),
		editing: editing ? alertRuleValues(editing) : null,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, saveAlertRule.roles);
		const rt = await runtime();
		const form = await request.formData();
		const values = readAlertRuleForm(form);
		const editing = form.has('editing');
		if (!editing && values.ruleId.trim() && (await listAlertRules(rt.db)).some((r) => r.ruleId === values.ruleId.trim())) {
			return fail(409, { values, editing, issues: taken('ruleId', 'ERR_RULE_EXISTS', 'a rule with this id exists already') });
		}
		const out = await attempt(() => execute(rt, saveAlertRule, alertRuleInput(values), userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		savedRedirect('alert-rules', out.result.ruleId);
	}
};
