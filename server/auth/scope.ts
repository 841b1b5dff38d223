// Department and record-level rules (DESIGN.md, Security), pure and in one place, so commands, queries
// and pages ask the same question. Roles say what kind of work a user may do; these rules narrow it
// to the records that are theirs, where a factory organises that work by department.
//
// - Sales orders belong to a department (the entering user's, or the one an integration sends; may be
//   empty). A user with a department whose roles are only sales and/or viewer sees and changes only
//   orders of that department and orders without one. Everyone else — planners, warehouse, production,
//   managers — works across departments, because the plan and the shipping dock serve every sales team.
// - Operations are reported at a work centre, which may belong to a department (a workshop). A user
//   with a department whose roles are only production and/or viewer starts and reports operations only
//   at work centres of that department or without one.
// - Requisitions: nobody approves or rejects a requisition they raised (admins excepted, so a
//   one-person setup can still work). That is ownership, not department, and holds for every role.
// A user without a department is not narrowed: a small factory need not define any.
import type { Role } from './roles.ts';

export interface ScopeSubject {
	roles: readonly string[];
	department?: string | null;
}

/** The department the subject is limited to for work of these roles, or null when not limited. */
export function departmentScope(subject: ScopeSubject, scopedRoles: readonly Role[]): string | null {
	if (!subject.department) return null;
	const limited = subject.roles.length > 0 && subject.roles.every((r) => (scopedRoles as readonly string[]).includes(r));
	return limited ? subject.department : null;
}

/** Records without a department are everyone's; otherwise the scope must match. */
export function inScope(scope: string | null, recordDepartment: string | null | undefined): boolean {
	return scope === null || !recordDepartment || recordDepartment === scope;
}

export const SALES_SCOPED_ROLES = ['sales', 'viewer'] as const satisfies readonly Role[];
export const SHOP_FLOOR_SCOPED_ROLES = ['production', 'viewer'] as const satisfies readonly Role[];

export function salesScope(subject: ScopeSubject): string | null {
	return departmentScope(subject, SALES_SCOPED_ROLES);
}

export function shopFloorScope(subject: ScopeSubject): string | null {
	return departmentScope(subject, SHOP_FLOOR_SCOPED_ROLES);
}

/** Whether `actorName` may decide on a requisition raised by `requestedBy` (both "user:name" forms). */
export function mayDecideRequisition(subject: ScopeSubject & { name: string }, requestedBy: string): boolean {
	return subject.roles.includes('admin') || subject.name !== requestedBy;
}
