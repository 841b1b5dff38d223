// Every KPI family, in the order their projectors are registered.
import type { KpiFamily } from '../ledger.ts';
import { salesFamily } from './sales.ts';
import { purchasingFamily } from './purchasing.ts';
import { productionFamily, productionReportFamily } from './production.ts';
import { inventoryFamily } from './inventory.ts';
import { oeeFamily } from './oee.ts';

export const KPI_FAMILIES: readonly KpiFamily[] = [salesFamily, purchasingFamily, productionFamily, productionReportFamily, inventoryFamily, oeeFamily];
