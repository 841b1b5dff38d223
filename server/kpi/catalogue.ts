// The KPI catalogue as data: what each KPI means, how it is computed (the formula beside its source),
// which way is better, its default target and thresholds, and the dimensions it can be cut by. The
// formulas themselves live with their family (server/kpi/families/*), each next to this text; every
// value is `scale × sum(num) / sum(den)` over the window, so any window and roll-up is exact.
import { z } from 'zod';

export type KpiUnit = '%' | 'hours' | 'days' | 'CNY' | 'turns';

export interface KpiDefinition {
	id: string;
	name: { 'zh-CN': string; en: string };
	unit: KpiUnit;
	/** Which way is better. */
	direction: 'higher' | 'lower';
	/** value = scale × num / den. */
	scale: number;
	formula: { num: string; den: string };
	/** Where the definition comes from: an ASCM SCOR metric id where one exists. */
	source: string;
	target: number;
	/** Status: ok while the value is at least as good as `warn`, warn while at least as good as `bad`, else bad. */
	warn: number;
	bad: number;
	/** Dimensions besides the total: the API's `dim=<name>:<value>`. */
	dims: readonly string[];
}

const definitions = [
	{
		id: 'otd',
		name: { 'zh-CN': '准时交货率', en: 'On-time delivery' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'order lines due in the window shipped in full by the end of their due date (promised date if set, else requested date) in the factory time zone',
			den: 'order lines due in the window whose due date has ended or that are shipped in full (cancelled lines excluded)'
		},
		source: 'ASCM SCOR RL.2.2 Delivery performance to customer commit date (commit: the promised date, else the requested date)',
		target: 95,
		warn: 95,
		bad: 90,
		dims: ['customer', 'item']
	},
	{
		id: 'otd_requested',
		name: { 'zh-CN': '按客户要求日期准时交货率', en: 'On-time delivery to requested date' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'order lines requested in the window shipped in full by the end of the requested date',
			den: 'order lines requested in the window whose requested date has ended or that are shipped in full'
		},
		source: 'ASCM SCOR RL.2.2, measured against the customer requested date',
		target: 90,
		warn: 90,
		bad: 80,
		dims: ['customer', 'item']
	},
	{
		id: 'otif',
		name: { 'zh-CN': '准时足额交付率 (OTIF)', en: 'On time in full (OTIF)' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'sales orders whose every line shipped in full by the end of its due date, counted at the last due date',
			den: 'sales orders whose last due date (in the window) has ended or that are shipped in full'
		},
		source: 'ASCM SCOR RL.2.1 % orders delivered in full, combined with RL.2.2 (on time)',
		target: 90,
		warn: 90,
		bad: 80,
		dims: ['customer']
	},
	{
		id: 'order_response_time',
		name: { 'zh-CN': '订单响应时间', en: 'Order response time' },
		unit: 'hours',
		direction: 'lower',
		scale: 1,
		formula: { num: 'sum of hours from entering a sales order to its first promise, for orders entered in the window', den: 'orders entered in the window that were promised' },
		source: 'Liandong (order entry to commitment; no SCOR equivalent)',
		target: 4,
		warn: 4,
		bad: 24,
		dims: ['customer']
	},
	{
		id: 'supplier_otd',
		name: { 'zh-CN': '供应商准时交货率', en: 'Supplier on-time delivery' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'purchase order lines due in the window (confirmed date, else the expected date placed) received in full by the end of that date',
			den: 'purchase order lines due in the window whose date has ended or that are received in full'
		},
		source: 'ASCM SCOR RL.2.2 applied to suppliers: receipt in full against the date the supplier agreed, per line',
		target: 95,
		warn: 95,
		bad: 85,
		dims: ['supplier', 'item']
	},
	{
		id: 'supplier_quality',
		name: { 'zh-CN': '来料合格率', en: 'Supplier quality acceptance' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: { num: 'quantity accepted at goods-in inspection in the window', den: 'quantity inspected (accepted + rejected) in the window' },
		source: 'Incoming inspection acceptance rate, by quantity (the quality input of supplier scoring)',
		target: 98,
		warn: 98,
		bad: 95,
		dims: ['supplier', 'item']
	},
	{
		id: 'purchase_cycle_time',
		name: { 'zh-CN': '采购周期', en: 'Purchase cycle time' },
		unit: 'days',
		direction: 'lower',
		scale: 1,
		formula: {
			num: 'sum of days from entering a requisition to accepting the full quantity of the purchase order line that orders it, for lines accepted in the window',
			den: 'purchase order lines that order a requisition and were accepted in full in the window'
		},
		source: 'Source cycle time of the ASCM SCOR Source process, measured from requisition to accepted receipt',
		target: 14,
		warn: 14,
		bad: 21,
		dims: ['supplier', 'item']
	},
	{
		id: 'plan_attainment',
		name: { 'zh-CN': '计划达成率', en: 'Plan attainment' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'production orders due in the window completed with their full quantity good by the end of the due date',
			den: 'production orders due in the window that are completed or whose due date has ended (cancelled orders excluded)'
		},
		source: 'Schedule adherence (APICS dictionary: production orders completed as planned); the seed factory target is 95%',
		target: 95,
		warn: 95,
		bad: 85,
		dims: ['item']
	},
	{
		id: 'production_yield',
		name: { 'zh-CN': '生产合格率', en: 'Production yield' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: { num: 'good quantity reported in the window', den: 'quantity reported in the window (good + scrap)' },
		source: 'Quality rate of OEE (ISO 22400-2 quality ratio: good quantity / produced quantity)',
		target: 98,
		warn: 98,
		bad: 95,
		dims: ['workCenter']
	},
	{
		id: 'oee',
		name: { 'zh-CN': '设备综合效率 (OEE)', en: 'Overall equipment effectiveness (OEE)' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'ideal minutes of the good output reported in the window: good quantity × run minutes per unit of the operation, per work centre and factory day',
			den: 'planned production minutes in the window: the shift minutes of each work centre\'s calendar on each ended factory day (holidays off) during which it had work (a production order between its start there and its last report there); shift time with nothing to run is not planned'
		},
		source: 'Nakajima TPM / SEMI E10 style OEE = availability × performance × quality (no SCOR metric); 85% is world class',
		target: 85,
		warn: 65,
		bad: 50,
		dims: ['workCenter']
	},
	{
		id: 'oee_availability',
		name: { 'zh-CN': '设备可用率 (OEE)', en: 'OEE availability' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'planned minutes less downtime: planned minutes of ended days less those the work centre was down, in maintenance or changing over (the setup minutes of each order\'s operations there, from the start of its work there)',
			den: 'planned production minutes (shift minutes of ended factory days with work)'
		},
		source: 'OEE availability (Nakajima TPM / SEMI E10 style): run time / planned production time',
		target: 90,
		warn: 90,
		bad: 80,
		dims: ['workCenter']
	},
	{
		id: 'oee_performance',
		name: { 'zh-CN': '性能效率 (OEE)', en: 'OEE performance' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'ideal minutes of all output reported (good + scrap) × run minutes per unit',
			den: 'run minutes: planned minutes less downtime'
		},
		source: 'OEE performance (Nakajima TPM / SEMI E10 style): ideal cycle time × output / run time',
		target: 95,
		warn: 95,
		bad: 85,
		dims: ['workCenter']
	},
	{
		id: 'oee_quality',
		name: { 'zh-CN': '质量合格率 (OEE)', en: 'OEE quality' },
		unit: '%',
		direction: 'higher',
		scale: 100,
		formula: {
			num: 'ideal minutes of the good output reported',
			den: 'ideal minutes of all output reported (good + scrap): good / (good + scrap) weighted by run minutes per unit, so availability × performance × quality = OEE'
		},
		source: 'OEE quality (Nakajima TPM / SEMI E10 style); production_yield is the same ratio by quantity',
		target: 99,
		warn: 99,
		bad: 95,
		dims: ['workCenter']
	},
	{
		id: 'inventory_value',
		name: { 'zh-CN': '库存金额', en: 'Inventory value' },
		unit: 'CNY',
		direction: 'lower',
		scale: 1,
		formula: { num: 'sum of the daily values of stock on hand (moving average cost, all locations) over the days in the window', den: 'days in the window with a value' },
		source: 'Average inventory value (daily snapshots)',
		target: 5_000_000,
		warn: 5_000_000,
		bad: 8_000_000,
		dims: []
	},
	{
		id: 'inventory_turnover',
		name: { 'zh-CN': '库存周转次数', en: 'Inventory turnover' },
		unit: 'turns',
		direction: 'higher',
		scale: 1,
		formula: { num: '365 × cost of goods shipped in the window (standard cost)', den: 'sum of the daily inventory values in the window (so the ratio is annual COGS over average inventory)' },
		source: 'Inventory turns = annual cost of goods sold / average inventory value (APICS dictionary)',
		target: 8,
		warn: 8,
		bad: 4,
		dims: []
	},
	{
		id: 'days_of_supply',
		name: { 'zh-CN': '库存可供天数', en: 'Inventory days of supply' },
		unit: 'days',
		direction: 'lower',
		scale: 1,
		formula: { num: 'sum of the daily inventory values in the window', den: 'cost of goods shipped in the window (standard cost): average inventory over cost shipped per day' },
		source: 'ASCM SCOR AM.2.2 Inventory days of supply',
		target: 45,
		warn: 45,
		bad: 90,
		dims: []
	}
] as const satisfies readonly KpiDefinition[];

export type KpiId = (typeof definitions)[number]['id'];

export const KPI_CATALOGUE: readonly KpiDefinition[] = definitions;

const byId = new Map<string, KpiDefinition>(KPI_CATALOGUE.map((d) => [d.id, d]));
if (byId.size !== KPI_CATALOGUE.length) throw new Error('two KPIs share an id');

export function kpiDefinition(id: string): KpiDefinition | undefined {
	return byId.get(id);
}

/** ok / warn / bad for a value, from the KPI's thresholds and direction; null without a value. */
export function kpiStatus(def: KpiDefinition, value: number | null): 'ok' | 'warn' | 'bad' | null {
	if (value === null) return null;
	const atLeast = (x: number, limit: number) => (def.direction === 'higher' ? x >= limit : x <= limit);
	return atLeast(value, def.warn) ? 'ok' : atLeast(value, def.bad) ? 'warn' : 'bad';
}

export function kpiValue(def: KpiDefinition, num: number, den: number): number | null {
	return den === 0 ? null : (def.scale * num) / den;
}

/** A dimension value as the API takes it: '' (the total) or '<name>:<value>' with a name the KPI has. */
export const dimSchema = z.string().max(200);
