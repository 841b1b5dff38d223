// One demo user per role (two in sales, one per sales department), all with the demo password. The
// event log names them ("user:li.na"), so the simulated factory reads like a real one.
import type { DemoUser } from './types.ts';

export const DEMO_USERS: DemoUser[] = [
	{ username: 'admin', displayName: '赵磊', roles: ['admin'], title: { 'zh-CN': '系统管理员', en: 'System administrator' } },
	{ username: 'chen.guoqiang', displayName: '陈国强', roles: ['manager'], title: { 'zh-CN': '厂长', en: 'Plant manager' } },
	{ username: 'li.na', displayName: '李娜', roles: ['sales'], department: 'OEM', title: { 'zh-CN': '主机配套销售', en: 'OEM sales' } },
	{ username: 'liu.yang', displayName: '刘洋', roles: ['sales'], department: 'AM', title: { 'zh-CN': '售后市场销售', en: 'Aftermarket sales' } },
	{ username: 'wang.fang', displayName: '王芳', roles: ['planner'], title: { 'zh-CN': '生产计划员', en: 'Production planner' } },
	{ username: 'zhang.wei', displayName: '张伟', roles: ['purchasing'], title: { 'zh-CN': '采购员', en: 'Buyer' } },
	{ username: 'sun.qiang', displayName: '孙强', roles: ['production'], title: { 'zh-CN': '生产主管', en: 'Production supervisor' } },
	{ username: 'zhou.min', displayName: '周敏', roles: ['warehouse'], title: { 'zh-CN': '仓库主管', en: 'Warehouse supervisor' } },
	{ username: 'wu.jing', displayName: '吴静', roles: ['quality'], title: { 'zh-CN': '质量工程师', en: 'Quality engineer' } },
	{ username: 'zheng.hao', displayName: '郑浩', roles: ['viewer'], title: { 'zh-CN': '财务 (只读)', en: 'Finance (read only)' } }
];

/** The demo user of a role (the first one; sales has one per department). */
export function demoUser(role: DemoUser['roles'][number], department?: string): DemoUser {
	const u = DEMO_USERS.find((x) => x.roles.includes(role) && (department === undefined || x.department === department));
	if (!u) throw new Error(`no demo user with role ${role}${department ? ` in ${department}` : ''}`);
	return u;
}
