// A small hand-made auto-parts factory for the simulator's tests, loaded through the commands like any
// user would enter it: three products over two semi-finished parts and five bought materials, three
// work centres in two workshops with two shifts, three suppliers of which one is unreliable, four
// customers in two sales departments, one user per role (two in sales, two on the shop floor).
import { execute, executeAll, type Actor, type Step } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { defineCustomField } from '../../../server/masterdata/custom-fields.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { replaceRouting, saveWorkCenter } from '../../../server/production/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { savePlanningCategory } from '../../../server/planning/linkage.commands.ts';
import { createUser } from '../../../server/auth/user-commands.ts';
import type { Runtime } from '../../../server/runtime.ts';
import type { SimProfile } from '../../../seed/sim/profile.ts';

const admin: Actor = { kind: 'system', id: 'setup', name: 'system:setup', roles: ['admin'] };

const twoShifts = (holidays: string[], workdays = [1, 2, 3, 4, 5]) => ({
	shifts: [
		{ start: '08:00', end: '16:00' },
		{ start: '16:00', end: '00:00' }
	],
	workdays,
	holidays
});

/** The small factory's behaviour: S-BAD is late three times in ten and rejects a fair share. */
export const smallProfile: SimProfile = {
	ordersPerDay: 6,
	rushShare: 0.06,
	orderQty: { min: 10, max: 50 },
	customers: { 'C-SAIC': 3, 'C-GEELY': 2 },
	suppliers: {
		'S-STEEL': { onTimeRate: 0.97, meanLateDays: 1, rejectRate: 0.005 },
		'S-SEAL': { onTimeRate: 0.93, meanLateDays: 2, rejectRate: 0.01 },
		'S-BAD': { onTimeRate: 0.7, meanLateDays: 3, rejectRate: 0.06 }
	},
	workCenters: {
		'WC-CNC': { scrapRate: 0.02, breakdownsPerWeek: 1, meanRepairHours: 3, speed: 0.8 },
		'WC-ASM': { scrapRate: 0.01, breakdownsPerWeek: 0.3, meanRepairHours: 1.5 },
		'WC-PNT': { scrapRate: 0.015, breakdownsPerWeek: 0.5, meanRepairHours: 2 }
	}
};

/** Loads the factory at the clock's current time (set it to the history's start first). */
export async function loadSmallFactory(rt: Runtime, holidays: string[] = []): Promise<void> {
	const steps: Step[] = [];
	const add = (command: Step['command'], input: unknown) => steps.push({ command, input });
	add(defineCustomField as never, {
		entity: 'customer',
		key: 'department',
		labels: { 'zh-CN': '销售部门', en: 'Sales department' },
		type: 'choice',
		required: false,
		choices: ['EAST', 'SOUTH']
	});
	for (const [customerId, name, department] of [
		['C-SAIC', '上汽零部件采购部', 'EAST'],
		['C-GEELY', '吉利汽车宁波工厂', 'EAST'],
		['C-BYD', '比亚迪深圳基地', 'SOUTH'],
		['C-GAC', '广汽埃安', 'SOUTH']
	]) {
		add(saveCustomer as never, { customerId, name, custom: { department } });
	}
	for (const [supplierId, name] of [
		['S-STEEL', '宝钢精密铸造'],
		['S-SEAL', '宁波密封件厂'],
		['S-BAD', '温州轴承配件']
	]) {
		add(saveSupplier as never, { supplierId, name });
	}
	add(saveWorkCenter as never, { workCenterId: 'WC-CNC', name: 'CNC 加工中心', department: 'MACHINING', calendar: twoShifts(holidays, [1, 2, 3, 4, 5, 6]) });
	add(saveWorkCenter as never, { workCenterId: 'WC-ASM', name: '总装线', department: 'ASSEMBLY', calendar: twoShifts(holidays) });
	add(saveWorkCenter as never, { workCenterId: 'WC-PNT', name: '喷涂线', department: 'ASSEMBLY', calendar: twoShifts(holidays) });
	const poq = (periods: number) => ({ rule: 'POQ', periods });
	const items = [
		['P-CALIPER', '制动卡钳', 'product', 'make', 3, 260, 'operation', null, 'finished'],
		['P-PUMP', '电子水泵', 'product', 'make', 3, 320, 'completion', null, 'finished'],
		['P-KNUCKLE', '转向节', 'product', 'make', 3, 180, 'none', null, 'finished'],
		['S-BODY', '卡钳体', 'semi', 'make', 2, 90, 'none', poq(3), 'semi'],
		['S-HOUSING', '泵壳', 'semi', 'make', 2, 110, 'operation', poq(3), 'semi'],
		['M-CASTING', '铝合金铸件', 'material', 'buy', 5, 40, undefined, poq(5), 'raw'],
		['M-PISTON', '活塞', 'material', 'buy', 5, 12, undefined, poq(5), 'parts'],
		['M-SEAL', '密封圈', 'material', 'buy', 4, 2, undefined, poq(7), 'parts'],
		['M-BEARING', '深沟球轴承', 'material', 'buy', 6, 18, undefined, poq(5), 'parts'],
		['M-IMPELLER', '叶轮', 'material', 'buy', 6, 25, undefined, poq(5), 'parts']
	] as const;
	// The planners keep a buffer of the castings every part needs and of what the unreliable supplier delivers.
	const safety: Record<string, number> = { 'M-BEARING': 150, 'M-IMPELLER': 80, 'M-CASTING': 300 };
	for (const [itemId, name, kind, makeOrBuy, leadTimeDays, unitCost, backflush, lotSizing, category] of items) {
		add(saveItem as never, {
			...(safety[itemId] ? { safetyStock: safety[itemId] } : {}),
			itemId,
			name,
			kind,
			uom: 'pcs',
			unitCost,
			makeOrBuy,
			leadTimeDays,
			category,
			...(backflush ? { backflush } : {}),
			...(lotSizing ? { lotSizing } : {})
		});
	}
	add(replaceBom as never, { parentItemId: 'P-CALIPER', lines: [{ childItemId: 'S-BODY', qtyPer: 1 }, { childItemId: 'M-PISTON', qtyPer: 2 }, { childItemId: 'M-SEAL', qtyPer: 2, scrapPct: 2 }] });
	add(replaceBom as never, { parentItemId: 'P-PUMP', lines: [{ childItemId: 'S-HOUSING', qtyPer: 1 }, { childItemId: 'M-BEARING', qtyPer: 1 }, { childItemId: 'M-SEAL', qtyPer: 1 }, { childItemId: 'M-IMPELLER', qtyPer: 1 }] });
	add(replaceBom as never, { parentItemId: 'P-KNUCKLE', lines: [{ childItemId: 'M-CASTING', qtyPer: 1 }, { childItemId: 'M-BEARING', qtyPer: 1 }] });
	add(replaceBom as never, { parentItemId: 'S-BODY', lines: [{ childItemId: 'M-CASTING', qtyPer: 1, scrapPct: 1 }] });
	add(replaceBom as never, { parentItemId: 'S-HOUSING', lines: [{ childItemId: 'M-CASTING', qtyPer: 1 }] });
	const op = (seq: number, workCenterId: string, setupMinutes: number, runMinutesPerUnit: number) => ({ seq, workCenterId, setupMinutes, runMinutesPerUnit });
	add(replaceRouting as never, { itemId: 'P-CALIPER', operations: [op(10, 'WC-ASM', 20, 1.5)] });
	add(replaceRouting as never, { itemId: 'P-PUMP', operations: [op(10, 'WC-ASM', 20, 2), op(20, 'WC-PNT', 10, 0.5)] });
	add(replaceRouting as never, { itemId: 'P-KNUCKLE', operations: [op(10, 'WC-CNC', 30, 3), op(20, 'WC-ASM', 10, 1)] });
	add(replaceRouting as never, { itemId: 'S-BODY', operations: [op(10, 'WC-CNC', 30, 2.5)] });
	add(replaceRouting as never, { itemId: 'S-HOUSING', operations: [op(10, 'WC-CNC', 30, 2), op(20, 'WC-PNT', 15, 0.5)] });
	for (const [supplierId, itemId, price, leadTimeDays, moq] of [
		['S-STEEL', 'M-CASTING', 38, 5, 100],
		['S-STEEL', 'M-PISTON', 11, 5, 100],
		['S-SEAL', 'M-SEAL', 1.8, 4, 500],
		['S-SEAL', 'M-PISTON', 12.5, 4, 50],
		['S-BAD', 'M-BEARING', 15, 6, 100],
		['S-BAD', 'M-IMPELLER', 22, 6, 50],
		['S-STEEL', 'M-BEARING', 19, 7, 100]
	] as const) {
		add(saveSupplierItem as never, { supplierId, itemId, price, leadTimeDays, moq });
	}
	for (const [itemId, qty] of [
		['M-CASTING', 900],
		['M-PISTON', 700],
		['M-SEAL', 1200],
		['M-BEARING', 600],
		['M-IMPELLER', 350],
		['S-BODY', 120],
		['S-HOUSING', 100],
		['P-CALIPER', 60],
		['P-PUMP', 50],
		['P-KNUCKLE', 60]
	] as const) {
		add(adjustStock as never, { itemId, locationId: 'MAIN', qty, reasonCode: 'OPENING' });
	}
	// The castings are ordered by the planning itself; the rest the planner firms by hand.
	add(savePlanningCategory as never, { category: 'raw', mode: 'auto', windowDays: 3 });
	await executeAll(rt, steps, admin, 'setup');
	for (const [username, displayName, roles, department] of [
		['wang.xs', '王晓松', ['sales'], 'EAST'],
		['li.na', '李娜', ['sales'], 'SOUTH'],
		['zhao.jh', '赵建华', ['planner'], null],
		['chen.cg', '陈采购', ['purchasing'], null],
		['liu.cnc', '刘机加', ['production'], 'MACHINING'],
		['sun.zz', '孙总装', ['production'], 'ASSEMBLY'],
		['zhou.zg', '周主管', ['production'], null],
		['wu.ck', '吴仓库', ['warehouse'], null],
		['zheng.zl', '郑质量', ['quality'], null],
		['he.jl', '何经理', ['manager'], null]
	] as const) {
		await execute(rt, createUser, { username, displayName, password: 'demo-pass-1', roles: [...roles], ...(department ? { department } : {}) }, admin, 'setup');
	}
}
