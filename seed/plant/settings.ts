// The plant's settings, written by hand: no-code fields, the reason codes an auto-parts plant needs
// beyond the defaults, requisition approval rules, and how the planner firms planned orders per
// item category (auto for routine parts, a person for finished goods, castings and forgings).
import type { CustomFieldDefinition } from '../../server/masterdata/custom-fields.ts';
import type { ApprovalRule } from '../../server/purchasing/schemas.ts';
import { UNRELIABLE_SUPPLIER } from './partners.ts';
import type { PlanningCategoryInput, ReasonCodeInput } from './types.ts';

export const CUSTOM_FIELDS: CustomFieldDefinition[] = [
	{ entity: 'item', key: 'name_en', labels: { 'zh-CN': '英文名称', en: 'English name' }, type: 'text', required: false, active: true, position: 10 },
	{ entity: 'item', key: 'application', labels: { 'zh-CN': '适用车型', en: 'Vehicle application' }, type: 'text', required: false, active: true, position: 20 },
	{ entity: 'customer', key: 'name_en', labels: { 'zh-CN': '英文名称', en: 'English name' }, type: 'text', required: false, active: true, position: 10 },
	{ entity: 'customer', key: 'sales_department', labels: { 'zh-CN': '所属销售部门', en: 'Sales department' }, type: 'choice', choices: ['OEM', 'AM'], required: false, active: true, position: 20 },
	{ entity: 'customer', key: 'credit_days', labels: { 'zh-CN': '账期 (天)', en: 'Payment terms (days)' }, type: 'number', required: false, active: true, position: 30 },
	{ entity: 'supplier', key: 'name_en', labels: { 'zh-CN': '英文名称', en: 'English name' }, type: 'text', required: false, active: true, position: 10 },
	{ entity: 'supplier', key: 'iatf16949', labels: { 'zh-CN': 'IATF 16949 认证', en: 'IATF 16949 certification' }, type: 'choice', choices: ['已认证', '认证中', '未认证'], required: false, active: true, position: 20 }
];

export const REASON_CODES: ReasonCodeInput[] = [
	{ list: 'scrap', code: 'POROSITY', labels: { 'zh-CN': '铸件气孔', en: 'Casting porosity' } },
	{ list: 'scrap', code: 'DIMENSION', labels: { 'zh-CN': '尺寸超差', en: 'Out of tolerance' } },
	{ list: 'scrap', code: 'TOOL_WEAR', labels: { 'zh-CN': '刀具磨损', en: 'Tool wear' } },
	{ list: 'scrap', code: 'LEAK_TEST', labels: { 'zh-CN': '试漏不合格', en: 'Failed leak test' } },
	{ list: 'scrap', code: 'HARDNESS', labels: { 'zh-CN': '硬度不合格', en: 'Hardness out of specification' } },
	{ list: 'wc_stop', code: 'CHANGEOVER', labels: { 'zh-CN': '换型', en: 'Changeover' } },
	{ list: 'wc_stop', code: 'NO_MATERIAL', labels: { 'zh-CN': '待料', en: 'Waiting for material' } },
	{ list: 'po_delay', code: 'SUPPLIER_QUALITY', labels: { 'zh-CN': '供应商质量整改', en: 'Supplier quality problem' } },
	{ list: 'po_delay', code: 'RAW_MATERIAL', labels: { 'zh-CN': '原材料短缺', en: 'Raw material shortage' } },
	{ list: 'order_change', code: 'ECN', labels: { 'zh-CN': '设计变更 (ECN)', en: 'Engineering change (ECN)' } },
	{ list: 'order_cancel', code: 'MODEL_PHASE_OUT', labels: { 'zh-CN': '车型停产', en: 'Vehicle model phased out' } }
];

/**
 * Tried before the two default rules (under 5,000 approves itself; a manager approves the rest): the
 * supplier on probation needs quality and the manager whatever the amount; blanket-order commodities
 * approve themselves up to 30,000; the buyer approves 5,000–50,000; above that the buyer, then the manager.
 */
export const APPROVAL_RULES: ApprovalRule[] = [
	{
		ruleId: 'PROBATION',
		name: '整改期供应商：质量与厂长审批',
		priority: 10,
		conditions: { supplierIds: [UNRELIABLE_SUPPLIER] },
		steps: [{ role: 'quality' }, { role: 'manager' }],
		active: true
	},
	{
		ruleId: 'BLANKET',
		name: '框架协议物料 3 万以下自动批准',
		priority: 20,
		conditions: { categories: ['STEEL', 'FASTENER', 'PACKAGING', 'CONSUMABLE'], maxAmount: 30_000 },
		steps: [],
		active: true
	},
	{ ruleId: 'BUYER', name: '5千至5万：采购审批', priority: 50, conditions: { minAmount: 5_000, maxAmount: 50_000 }, steps: [{ role: 'purchasing' }], active: true },
	{ ruleId: 'LARGE', name: '5万以上：采购与厂长审批', priority: 60, conditions: { minAmount: 50_000 }, steps: [{ role: 'purchasing' }, { role: 'manager' }], active: true }
];

/** Routine parts firm themselves within their window; finished goods, castings and forgings wait for a person. */
export const PLANNING_CATEGORIES: PlanningCategoryInput[] = [
	{ mode: 'suggest', windowDays: 7 },
	{ category: 'FG', mode: 'suggest', windowDays: 3 },
	{ category: 'SUBASSY', mode: 'auto', windowDays: 3 },
	{ category: 'COMPONENT', mode: 'auto', windowDays: 5 },
	{ category: 'CASTING', mode: 'suggest', windowDays: 14 },
	{ category: 'FORGING', mode: 'suggest', windowDays: 14 },
	...['STEEL', 'FASTENER', 'PACKAGING', 'CONSUMABLE', 'SEAL', 'BEARING', 'FRICTION', 'PLASTIC', 'ELECTRONIC', 'SINTERED'].map((category) => ({
		category,
		mode: 'auto' as const,
		windowDays: 10
	}))
];
