// The shop floor: eleven work centres in five workshops, each with its shift pattern and the public
// holidays of the People's Republic of China. A work centre is one resource to planning (its minutes
// per day are its shifts), so a cell of several machines carries the cell's effective minutes per unit.
import type { WorkCenterInput } from './types.ts';

/** Statutory holidays (days off; the make-up working weekends are not modelled). */
const HOLIDAYS: Record<number, string[]> = {
	2025: ['2025-01-01', ...span('2025-01-28', 8), ...span('2025-04-04', 3), ...span('2025-05-01', 5), ...span('2025-05-31', 3), ...span('2025-10-01', 8)],
	2026: [
		...span('2026-01-01', 3),
		...span('2026-02-15', 9),
		...span('2026-04-04', 3),
		...span('2026-05-01', 5),
		...span('2026-06-19', 3),
		...span('2026-09-25', 3),
		...span('2026-10-01', 7)
	],
	// The usual pattern around the lunar dates of 2027 (Spring Festival 6 Feb, Qingming 5 Apr, Dragon
	// Boat 9 Jun, Mid-Autumn 15 Sep); correct it once the State Council publishes the year's schedule.
	2027: [
		...span('2027-01-01', 3),
		...span('2027-02-05', 8),
		...span('2027-04-03', 3),
		...span('2027-05-01', 5),
		...span('2027-06-09', 3),
		...span('2027-09-15', 3),
		...span('2027-10-01', 7)
	]
};

function span(first: string, days: number): string[] {
	const start = Date.parse(first + 'T00:00:00Z');
	return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export const PUBLIC_HOLIDAYS: readonly string[] = Object.values(HOLIDAYS).flat();
/** The continuous furnace stops only for the Spring Festival. */
const SPRING_FESTIVAL: readonly string[] = [...span('2025-01-28', 8), ...span('2026-02-15', 9), ...span('2027-02-05', 8)];

const DAY = [{ start: '08:00', end: '17:00' }];
const TWO = [
	{ start: '08:00', end: '16:00' },
	{ start: '16:00', end: '00:00' }
];
const THREE = [{ start: '00:00', end: '08:00' }, ...TWO];
const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** Workshops: the departments of work centres (production users of a workshop report only there). */
export const WORKSHOPS = {
	MACH: { 'zh-CN': '机加车间', en: 'Machining shop' },
	HT: { 'zh-CN': '热处理车间', en: 'Heat treatment shop' },
	FAB: { 'zh-CN': '冲焊车间', en: 'Stamping and welding shop' },
	SURF: { 'zh-CN': '涂装车间', en: 'Coating shop' },
	ASSY: { 'zh-CN': '装配车间', en: 'Assembly shop' }
} as const;

interface WorkCentreSpec {
	id: string;
	zh: string;
	en: string;
	department: keyof typeof WORKSHOPS;
	shifts: { start: string; end: string }[];
	workdays: number[];
	holidays?: readonly string[];
}

const SPECS: WorkCentreSpec[] = [
	{ id: 'CNC-L', zh: '数控车削单元', en: 'CNC turning cell', department: 'MACH', shifts: TWO, workdays: MON_SAT },
	{ id: 'CNC-M', zh: '加工中心单元', en: 'Machining centre cell', department: 'MACH', shifts: TWO, workdays: MON_SAT },
	{ id: 'DRILL', zh: '钻攻单元', en: 'Drilling and tapping cell', department: 'MACH', shifts: TWO, workdays: MON_FRI },
	{ id: 'GRIND', zh: '磨削珩磨单元', en: 'Grinding and honing cell', department: 'MACH', shifts: DAY, workdays: MON_SAT },
	{ id: 'HEAT', zh: '连续热处理线', en: 'Continuous heat treatment line', department: 'HT', shifts: THREE, workdays: EVERY_DAY, holidays: SPRING_FESTIVAL },
	{ id: 'PRESS', zh: '冲压线', en: 'Stamping line', department: 'FAB', shifts: DAY, workdays: MON_FRI },
	{ id: 'WELD', zh: '机器人焊接站', en: 'Robotic welding cell', department: 'FAB', shifts: DAY, workdays: MON_FRI },
	{ id: 'PAINT', zh: '电泳涂装线', en: 'E-coating line', department: 'SURF', shifts: DAY, workdays: MON_FRI },
	{ id: 'ASSY-1', zh: '制动与底盘装配线', en: 'Brake and chassis assembly line', department: 'ASSY', shifts: TWO, workdays: MON_SAT },
	{ id: 'ASSY-2', zh: '泵类装配线', en: 'Pump assembly line', department: 'ASSY', shifts: DAY, workdays: MON_SAT },
	{ id: 'TEST', zh: '终检试漏线', en: 'Final inspection and leak test line', department: 'ASSY', shifts: TWO, workdays: MON_SAT }
];

export const WORK_CENTRES: WorkCenterInput[] = SPECS.map((s) => ({
	workCenterId: s.id,
	name: s.zh,
	department: s.department,
	calendar: { shifts: s.shifts, workdays: s.workdays, holidays: [...(s.holidays ?? PUBLIC_HOLIDAYS)] }
}));

/** English names of the work centres (the record keeps the zh-CN name). */
export const WORK_CENTRE_NAMES_EN: Record<string, string> = Object.fromEntries(SPECS.map((s) => [s.id, s.en]));
