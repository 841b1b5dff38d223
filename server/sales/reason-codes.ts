// The reason codes every installation starts with. Inserted at start when missing (never over an
// edited code), and again after a projection rebuild; reason_code.upserted events change them.
import type { Queryable } from '../db/db.ts';
import { asJson } from '../events/projectors.ts';
import type { z } from 'zod';
import type { Command } from '../commands/command.ts';
import { reasonCodeUpsertedSchema, type ReasonList } from './schemas.ts';

export const DEFAULT_REASON_CODES: { list: ReasonList; code: string; zh: string; en: string }[] = [
	{ list: 'order_change', code: 'CUSTOMER_REQUEST', zh: '客户要求', en: 'Customer request' },
	{ list: 'order_change', code: 'CAPACITY', zh: '产能不足', en: 'Capacity' },
	{ list: 'order_change', code: 'MATERIAL', zh: '物料短缺', en: 'Material shortage' },
	{ list: 'order_cancel', code: 'CUSTOMER_CANCELLED', zh: '客户取消', en: 'Customer cancelled' },
	{ list: 'order_cancel', code: 'DUPLICATE', zh: '重复订单', en: 'Duplicate order' },
	{ list: 'order_cancel', code: 'CANNOT_DELIVER', zh: '无法交付', en: 'Cannot deliver' },
	{ list: 'po_delay', code: 'SUPPLIER_CAPACITY', zh: '供应商产能', en: 'Supplier capacity' },
	{ list: 'po_delay', code: 'LOGISTICS', zh: '物流延误', en: 'Logistics' },
	{ list: 'scrap', code: 'MATERIAL_DEFECT', zh: '来料缺陷', en: 'Material defect' },
	{ list: 'scrap', code: 'OPERATOR', zh: '操作失误', en: 'Operator error' },
	{ list: 'wc_stop', code: 'BREAKDOWN', zh: '设备故障', en: 'Breakdown' },
	{ list: 'wc_stop', code: 'MAINTENANCE', zh: '计划保养', en: 'Planned maintenance' },
	{ list: 'stock_adjust', code: 'COUNT', zh: '盘点差异', en: 'Stock count' },
	{ list: 'stock_adjust', code: 'DAMAGE', zh: '损坏', en: 'Damage' },
	{ list: 'stock_adjust', code: 'OPENING', zh: '期初库存', en: 'Opening balance' },
	{ list: 'correction', code: 'WRONG_QTY', zh: '数量录错', en: 'Wrong quantity' },
	{ list: 'correction', code: 'WRONG_DOCUMENT', zh: '单据或行选错', en: 'Wrong order or line' },
	{ list: 'correction', code: 'DUPLICATE_ENTRY', zh: '重复录入', en: 'Entered twice' },
	{ list: 'over_production', code: 'CUSTOMER_EXTRA', zh: '客户追加', en: 'Customer asked for more' },
	{ list: 'over_production', code: 'SPARES', zh: '备品备件', en: 'Spares' },
	{ list: 'over_production', code: 'BATCH_SIZE', zh: '按整批生产', en: 'Made as a whole batch' }
];

/** Defaults carry the oldest possible version, so any event about the same code wins over them. */
export async function ensureDefaultReasonCodes(q: Queryable): Promise<void> {
	await q.query(
		`insert into reason_codes (list, code, label_zh, label_en, version_at, version_id)
		select list, code, zh, en, '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'
		from jsonb_to_recordset($1::jsonb) as x(list text, code text, zh text, en text)
		on conflict (list, code) do nothing`,
		[asJson(DEFAULT_REASON_CODES)]
	);
}

/** Add, rename or retire a reason code (settings). Retiring keeps the code on past records. */
export const saveReasonCode: Command<z.infer<typeof reasonCodeUpsertedSchema>, { list: string; code: string }> = {
	name: 'reason_code.save',
	input: reasonCodeUpsertedSchema,
	roles: ['manager'],
	async run(_ctx, input) {
		return { events: [{ type: 'reason_code.upserted', data: input }], result: { list: input.list, code: input.code } };
	}
};
