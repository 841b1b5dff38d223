// The nine roles (DESIGN.md, Security). A user has one or more; commands, pages and topics list the
// roles that may use them. Admin may do everything.
export const ROLES = ['admin', 'manager', 'planner', 'sales', 'purchasing', 'production', 'warehouse', 'quality', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
	admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
	manager: { 'zh-CN': '管理层', en: 'Manager' },
	planner: { 'zh-CN': '计划员', en: 'Planner' },
	sales: { 'zh-CN': '销售', en: 'Sales' },
	purchasing: { 'zh-CN': '采购', en: 'Purchasing' },
	production: { 'zh-CN': '生产', en: 'Production' },
	warehouse: { 'zh-CN': '仓库', en: 'Warehouse' },
	quality: { 'zh-CN': '质量', en: 'Quality' },
	viewer: { 'zh-CN': '只读', en: 'Viewer' }
};

export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
	return userRoles.includes('admin') || allowed.some((r) => userRoles.includes(r));
}
