// Commands of alerting: an administrator saves rules; the owner of an alert (its role, department or
// user, now or when it was raised) or an administrator acknowledges and resolves it, with a comment.
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { CommandRejected, type Actor, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { text } from '../events/primitives.ts';
import { getAlert } from './alert.queries.ts';
import { owns } from './rules.ts';
import { alertRuleSchema, type AlertRule } from './schemas.ts';

export const saveAlertRule: Command<AlertRule, { ruleId: string }> = {
	name: 'alert_rule.save',
	input: alertRuleSchema as unknown as z.ZodType<AlertRule>,
	roles: [], // admin: settings
	async run(_ctx, input) {
		return { events: [{ type: 'alert_rule.upserted', data: input }], result: { ruleId: input.ruleId } };
	}
};

const alertAction = z.strictObject({ alertId: z.uuid({ message: 'must be an alert id' }), comment: text(1000).optional() });
type AlertAction = z.infer<typeof alertAction>;

const usernameOf = (actor: Actor) => (actor.kind === 'user' && actor.name.startsWith('user:') ? actor.name.slice(5) : null);

/** The alert, still unresolved, and the actor one of its owners (or admin); else the refusal. */
async function ownAlert(tx: Parameters<Command<unknown, unknown>['run']>[0]['tx'], actor: Actor, alertId: string) {
	const found = await getAlert(tx, alertId);
	if (!found) throw new CommandRejected('ERR_ALERT_UNKNOWN', 'alertId', `no alert ${alertId}`, { alertId });
	const person = { username: usernameOf(actor), roles: actor.roles, department: actor.department ?? null };
	if (!actor.roles.includes('admin') && !owns(person, found.alert.owner ?? null) && !owns(person, found.alert.raisedOwner ?? null)) {
		throw new AppError('ERR_ALERT_NOT_OWNER', "only the alert's owner or an administrator may do this");
	}
	if (found.alert.status === 'resolved') throw new CommandRejected('ERR_ALERT_RESOLVED', 'alertId', 'this alert is resolved already', { alertId });
	return found.alert;
}

export const acknowledgeAlert: Command<AlertAction, { alertId: string }> = {
	name: 'alert.acknowledge',
	input: alertAction,
	roles: ROLES,
	async run({ tx, actor }, input) {
		const alert = await ownAlert(tx, actor, input.alertId);
		if (alert.status === 'acknowledged') throw new CommandRejected('ERR_ALERT_ACKNOWLEDGED', 'alertId', 'this alert is acknowledged already', { alertId: input.alertId });
		return { events: [{ type: 'alert.acknowledged', data: { ...input } }], result: { alertId: input.alertId } };
	}
};

export const resolveAlert: Command<AlertAction, { alertId: string }> = {
	name: 'alert.resolve',
	input: alertAction,
	roles: ROLES,
	async run({ tx, actor }, input) {
		await ownAlert(tx, actor, input.alertId);
		return { events: [{ type: 'alert.resolved', data: { ...input } }], result: { alertId: input.alertId } };
	}
};
