import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { defineCustomField } from '../../../server/masterdata/custom-fields.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { getItem } from '../../../server/masterdata/queries.ts';
import { importKind } from '../../../server/import/kinds.ts';
import { readSheet } from '../../../server/import/sheet.ts';
import { runImport } from '../../../server/import/run.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:planner', roles: ['planner'] };

beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const item = (itemId: string, custom?: Record<string, unknown>) => ({ itemId, name: itemId, kind: 'material', uom: 'kg', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1, ...(custom ? { custom } : {}) });

async function issue(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	return { status: err.status, ...((err.details.issues as { path: string; code?: string }[] | undefined)?.[0] ?? {}) };
}

describe(`no-code fields (${backendLabel})`, () => {
	it('lets only an admin define fields, naming bad definitions', async () => {
		const def = { entity: 'item', key: 'grade', labels: { 'zh-CN': '牌号', en: 'Grade' }, type: 'choice', required: true, choices: ['Q235', 'Q345'] };
		expect((await issue(execute(t.rt, defineCustomField, def, planner))).status).toBe(403);
		expect(await issue(execute(t.rt, defineCustomField, { ...def, key: 'Bad Key' }, admin))).toMatchObject({ status: 400, path: 'key' });
		expect(await issue(execute(t.rt, defineCustomField, { ...def, choices: undefined }, admin))).toMatchObject({ status: 400, path: 'choices' });
		await execute(t.rt, defineCustomField, def, admin);
		await execute(t.rt, defineCustomField, { entity: 'item', key: 'density', labels: { 'zh-CN': '密度', en: 'Density' }, type: 'number', required: false }, admin);
		await execute(t.rt, defineCustomField, { entity: 'customer', key: 'region', labels: { 'zh-CN': '区域', en: 'Region' }, type: 'text', required: false }, admin);
	});

	it('validates values like built-in fields and stores them with the record', async () => {
		expect(await issue(execute(t.rt, saveItem, item('CF-1'), planner))).toMatchObject({ status: 409, path: 'custom.grade', code: 'ERR_CUSTOM_REQUIRED' });
		expect(await issue(execute(t.rt, saveItem, item('CF-1', { grade: 'Q999' }), planner))).toMatchObject({ path: 'custom.grade', code: 'ERR_CUSTOM_INVALID' });
		expect(await issue(execute(t.rt, saveItem, item('CF-1', { grade: 'Q235', density: 'heavy' }), planner))).toMatchObject({ path: 'custom.density' });
		expect(await issue(execute(t.rt, saveItem, item('CF-1', { grade: 'Q235', colour: 'red' }), planner))).toMatchObject({ path: 'custom.colour', code: 'ERR_CUSTOM_UNKNOWN' });
		expect(await getItem(t.rt.db, 'CF-1')).toBeNull();
		await execute(t.rt, saveItem, item('CF-1', { grade: 'Q345', density: 7.85 }), planner);
		expect((await getItem(t.rt.db, 'CF-1'))?.item.custom).toEqual({ grade: 'Q345', density: 7.85 });
		await execute(t.rt, saveCustomer, { customerId: 'CF-C', name: 'Custom Co', custom: { region: '华东' } }, admin);
		const c = (await t.rt.db.query<{ custom: unknown }>("select custom from customers where customer_id = 'CF-C'")).rows[0];
		expect(c.custom).toEqual({ region: '华东' });
	});

	it('imports custom fields as columns under their labels', async () => {
		const csv = Buffer.from(['物料编码,名称,类型,单位,单位成本,自制或外购,提前期(天),牌号,Density', 'CF-2,Plate,material,kg,3,buy,2,Q235,7.9', 'CF-3,Bar,material,kg,3,buy,2,Q000,'].join('\n'));
		const r = await runImport(t.rt, importKind('items')!, await readSheet(csv, 'csv'), admin, true);
		expect(r.committed).toBe(false);
		expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([[3, 'custom.grade', 'ERR_CUSTOM_INVALID']]);
		const ok = Buffer.from(['物料编码,名称,类型,单位,单位成本,自制或外购,提前期(天),牌号,Density', 'CF-2,Plate,material,kg,3,buy,2,Q235,7.9'].join('\n'));
		expect((await runImport(t.rt, importKind('items')!, await readSheet(ok, 'csv'), admin, true)).committed).toBe(true);
		expect((await getItem(t.rt.db, 'CF-2'))?.item.custom).toEqual({ grade: 'Q235', density: 7.9 });
	});

	it("keeps an item's value of a field the admin retired when the item is saved again", async () => {
		await execute(t.rt, defineCustomField, { entity: 'item', key: 'density', labels: { 'zh-CN': '密度', en: 'Density' }, type: 'number', required: false, active: false }, admin);
		await execute(t.rt, saveItem, item('CF-1', { grade: 'Q235' }), planner);
		expect((await getItem(t.rt.db, 'CF-1'))?.item.custom).toEqual({ grade: 'Q235', density: 7.85 });
		// Still not one a save may name: it is no field of items any more.
		expect(await issue(execute(t.rt, saveItem, item('CF-1', { grade: 'Q235', density: 8 }), planner))).toMatchObject({ path: 'custom.density', code: 'ERR_CUSTOM_UNKNOWN' });
	});
});
