// What can be imported, column by column (headers in zh-CN and en, either accepted), and how rows
// become command inputs. Rows of one BOM, routing or order are grouped into one command. The no-code
// fields of items, customers, suppliers and sales orders are columns too, read from their definitions
// when a template is written or a sheet is read (withCustomColumns).
import type { Command } from '../commands/command.ts';
import type { Queryable } from '../db/db.ts';
import { customFields, type CustomEntity } from '../masterdata/custom-fields.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../masterdata/commands.ts';
import { saveSupplierItem } from '../purchasing/commands.ts';
import { replaceRouting } from '../production/commands.ts';
import { createSalesOrder } from '../sales/commands.ts';
import { saveCustomerPrice } from '../sales/customer-price.commands.ts';

export type CellType = 'text' | 'number' | 'int' | 'bool' | 'date';

export interface Column {
	key: string;
	zh: string;
	en: string;
	type: CellType;
	required?: boolean;
}

export type Row = Record<string, string | number | boolean | undefined>;

/** One command to run, from some rows; `paths` maps an input path prefix to the row it came from. */
export interface Step {
	rows: number[];
	input: Record<string, unknown>;
	/** e.g. "lines.2" → row 7: issues under that path belong to that row. */
	rowOfPath: Record<string, number>;
	/** Input field → column key, where they differ. */
	columnOf?: Record<string, string>;
}

export interface ImportKind {
	kind: string;
	label: { 'zh-CN': string; en: string };
	columns: Column[];
	command: Command<never, unknown>;
	steps(rows: { n: number; row: Row }[]): Step[];
}

const c = (key: string, zh: string, en: string, type: CellType = 'text', required = false): Column => ({ key, zh, en, type, required });

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** One row, one command. */
const perRow = (map: (r: Row) => Record<string, unknown>, columnOf?: Record<string, string>) => (rows: { n: number; row: Row }[]): Step[] =>
	rows.map(({ n, row }) => ({ rows: [n], input: defined(map(row)), rowOfPath: {}, columnOf }));

/** Rows sharing a key, one command; each row becomes one entry of `listField`. */
function grouped(key: string, head: (r: Row) => Record<string, unknown>, listField: string, entry: (r: Row) => Record<string, unknown>) {
	return (rows: { n: number; row: Row }[]): Step[] => {
		const groups = new Map<string, { n: number; row: Row }[]>();
		for (const r of rows) {
			const k = String(r.row[key] ?? '');
			groups.set(k, [...(groups.get(k) ?? []), r]);
		}
		return [...groups.values()].map((g) => ({
			rows: g.map((r) => r.n),
			input: { ...defined(head(g[0].row)), [listField]: g.map((r) => defined(entry(r.row))) },
			rowOfPath: Object.fromEntries(g.map((r, i) => [`${listField}.${i}`, r.n]))
		}));
	};
}

/** How to reach a customer or supplier, and its payment terms: optional columns of both lists. */
const CONTACT_COLUMNS = [
	c('contactPerson', '联系人', 'Contact person'),
	c('phone', '电话', 'Phone'),
	c('email', '电子邮箱', 'Email'),
	c('address', '地址', 'Address'),
	c('paymentTerms', '付款条件', 'Payment terms')
];
const contactOf = (r: Row) => ({ contactPerson: r.contactPerson, phone: r.phone, email: r.email, address: r.address, paymentTerms: r.paymentTerms });

export const IMPORT_KINDS: ImportKind[] = [
	{
		kind: 'items',
		label: { 'zh-CN': '物料', en: 'Items' },
		columns: [
			c('itemId', '物料编码', 'Item code', 'text', true),
			c('name', '名称', 'Name', 'text', true),
			c('kind', '类型', 'Kind', 'text', true),
			c('uom', '单位', 'Unit', 'text', true),
			c('unitCost', '单位成本', 'Unit cost', 'number', true),
			c('makeOrBuy', '自制或外购', 'Make or buy', 'text', true),
			c('leadTimeDays', '提前期(天)', 'Lead time (days)', 'number', true),
			c('safetyStock', '安全库存', 'Safety stock', 'number'),
			c('lotRule', '批量规则', 'Lot rule', 'text'),
			c('lotQty', '批量', 'Lot qty', 'number'),
			c('lotPeriods', '批量期数', 'Lot periods', 'int'),
			c('category', '类别', 'Category', 'text'),
			c('backflush', '倒冲', 'Backflush', 'text'),
			c('allowNegativeStock', '允许负库存', 'Allow negative stock', 'bool'),
			c('overProductionPct', '超产容差%', 'Over-production tolerance %', 'number'),
			c('listPrice', '标准售价', 'List price', 'number')
		],
		command: saveItem as Command<never, unknown>,
		steps: perRow(
			(r) => ({
				itemId: r.itemId,
				name: r.name,
				kind: r.kind,
				uom: r.uom,
				unitCost: r.unitCost,
				makeOrBuy: r.makeOrBuy,
				leadTimeDays: r.leadTimeDays,
				safetyStock: r.safetyStock,
				lotSizing: r.lotRule ? defined({ rule: r.lotRule, qty: r.lotQty, periods: r.lotPeriods }) : undefined,
				category: r.category,
				backflush: r.backflush,
				allowNegativeStock: r.allowNegativeStock,
				overProductionPct: r.overProductionPct,
				listPrice: r.listPrice
			}),
			{ 'lotSizing.rule': 'lotRule', 'lotSizing.qty': 'lotQty', 'lotSizing.periods': 'lotPeriods' }
		)
	},
	{
		kind: 'boms',
		label: { 'zh-CN': '物料清单', en: 'Bills of material' },
		columns: [
			c('parentItemId', '父项编码', 'Parent item', 'text', true),
			c('childItemId', '子项编码', 'Component', 'text', true),
			c('qtyPer', '用量', 'Qty per', 'number', true),
			c('scrapPct', '损耗率%', 'Scrap %', 'number')
		],
		command: replaceBom as Command<never, unknown>,
		steps: grouped('parentItemId', (r) => ({ parentItemId: r.parentItemId }), 'lines', (r) => ({ childItemId: r.childItemId, qtyPer: r.qtyPer, scrapPct: r.scrapPct }))
	},
	{
		kind: 'routings',
		label: { 'zh-CN': '工艺路线', en: 'Routings' },
		columns: [
			c('itemId', '物料编码', 'Item code', 'text', true),
			c('seq', '工序号', 'Operation', 'int', true),
			c('workCenterId', '工作中心', 'Work centre', 'text', true),
			c('setupMinutes', '准备时间(分)', 'Setup (min)', 'number', true),
			c('runMinutesPerUnit', '单件时间(分)', 'Run per unit (min)', 'number', true),
			c('description', '说明', 'Description', 'text')
		],
		command: replaceRouting as Command<never, unknown>,
		steps: grouped('itemId', (r) => ({ itemId: r.itemId }), 'operations', (r) => ({
			seq: r.seq,
			workCenterId: r.workCenterId,
			setupMinutes: r.setupMinutes,
			runMinutesPerUnit: r.runMinutesPerUnit,
			description: r.description
		}))
	},
	{
		kind: 'suppliers',
		label: { 'zh-CN': '供应商', en: 'Suppliers' },
		columns: [c('supplierId', '供应商编码', 'Supplier code', 'text', true), c('name', '名称', 'Name', 'text', true), ...CONTACT_COLUMNS],
		command: saveSupplier as Command<never, unknown>,
		steps: perRow((r) => ({ supplierId: r.supplierId, name: r.name, ...contactOf(r) }))
	},
	{
		kind: 'supplier-items',
		label: { 'zh-CN': '供应商物料', en: 'Supplier items' },
		columns: [
			c('supplierId', '供应商编码', 'Supplier code', 'text', true),
			c('itemId', '物料编码', 'Item code', 'text', true),
			c('price', '单价', 'Price', 'number', true),
			c('leadTimeDays', '提前期(天)', 'Lead time (days)', 'number', true),
			c('moq', '最小起订量', 'MOQ', 'number'),
			c('orderMultiple', '订购倍数', 'Order multiple', 'number')
		],
		command: saveSupplierItem as Command<never, unknown>,
		steps: perRow((r) => ({ supplierId: r.supplierId, itemId: r.itemId, price: r.price, leadTimeDays: r.leadTimeDays, moq: r.moq, orderMultiple: r.orderMultiple }))
	},
	{
		kind: 'customers',
		label: { 'zh-CN': '客户', en: 'Customers' },
		columns: [
			c('customerId', '客户编码', 'Customer code', 'text', true),
			c('name', '名称', 'Name', 'text', true),
			...CONTACT_COLUMNS,
			c('currency', '币种', 'Currency')
		],
		command: saveCustomer as Command<never, unknown>,
		steps: perRow((r) => ({ customerId: r.customerId, name: r.name, ...contactOf(r), currency: r.currency }))
	},
	{
		kind: 'customer-prices',
		label: { 'zh-CN': '客户价格', en: 'Customer prices' },
		columns: [
			c('customerId', '客户编码', 'Customer code', 'text', true),
			c('itemId', '物料编码', 'Item code', 'text', true),
			c('unitPrice', '单价', 'Unit price', 'number', true),
			c('currency', '币种', 'Currency')
		],
		command: saveCustomerPrice as Command<never, unknown>,
		steps: perRow((r) => ({ customerId: r.customerId, itemId: r.itemId, unitPrice: r.unitPrice, currency: r.currency }))
	},
	{
		kind: 'open-orders',
		label: { 'zh-CN': '未结销售订单', en: 'Open sales orders' },
		columns: [
			c('orderId', '订单号', 'Order', 'text', true),
			c('customerId', '客户编码', 'Customer code', 'text', true),
			c('lineId', '行号', 'Line', 'text', true),
			c('itemId', '物料编码', 'Item code', 'text', true),
			c('qty', '数量', 'Qty', 'number', true),
			c('requestedDate', '要求交期', 'Requested date', 'date', true),
			c('priority', '优先级', 'Priority', 'int'),
			c('unitPrice', '单价', 'Unit price', 'number'),
			c('currency', '币种', 'Currency')
		],
		command: createSalesOrder as Command<never, unknown>,
		// The currency is the order's: the first row of the order gives it.
		steps: grouped('orderId', (r) => ({ orderId: r.orderId, customerId: r.customerId, currency: r.currency }), 'lines', (r) => ({
			lineId: r.lineId,
			itemId: r.itemId,
			qty: r.qty,
			requestedDate: r.requestedDate,
			priority: r.priority,
			unitPrice: r.unitPrice
		}))
	}
];

export const importKind = (kind: string) => IMPORT_KINDS.find((k) => k.kind === kind);

const ENTITY_OF: Record<string, CustomEntity> = { items: 'item', customers: 'customer', suppliers: 'supplier', 'open-orders': 'sales_order' };

/**
 * The kind with its entity's active no-code fields as extra columns ("custom.<key>", headed by the
 * field's labels), after the built-in ones in the admin's order. A required field's column is a
 * required column, so a sheet without it is refused once, on the header row, rather than on every row.
 * An order's custom values are read from its first row.
 */
export async function withCustomColumns(q: Queryable, kind: ImportKind): Promise<ImportKind> {
	const entity = ENTITY_OF[kind.kind];
	if (!entity) return kind;
	const defs = await customFields(q, entity);
	if (!defs.length) return kind;
	const columns: Column[] = defs.map((d) => ({
		key: `custom.${d.key}`,
		zh: d.labels['zh-CN'],
		en: d.labels.en,
		type: d.type === 'number' ? 'number' : d.type === 'date' ? 'date' : 'text',
		required: d.required
	}));
	return {
		...kind,
		columns: [...kind.columns, ...columns],
		steps(rows) {
			return kind.steps(rows).map((step) => {
				const first = rows.find((r) => r.n === step.rows[0])!.row;
				const custom = Object.fromEntries(Object.entries(first).filter(([k]) => k.startsWith('custom.')).map(([k, v]) => [k.slice(7), v]));
				return Object.keys(custom).length ? { ...step, input: { ...step.input, custom } } : step;
			});
		}
	};
}
