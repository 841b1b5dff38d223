// The demo plant as data: every record is the input of the command that creates it, so loading it
// (load.ts) is nothing but running those commands, and every rule of the real system applies.
import type { z } from 'zod';
import type { FixedData } from '../../server/events/catalogue.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { BomReplaced } from '../../server/masterdata/schemas.ts';
import type { CustomFieldDefinition } from '../../server/masterdata/custom-fields.ts';
import type { ApprovalRule } from '../../server/purchasing/schemas.ts';
import type { supplierItemUpsertedSchema } from '../../server/purchasing/schemas.ts';
import type { routingReplacedSchema, workCenterUpsertedSchema } from '../../server/production/schemas.ts';
import type { reasonCodeUpsertedSchema } from '../../server/sales/schemas.ts';
import type { planningCategoryInput } from '../../server/planning/linkage-schemas.ts';

export type ItemInput = FixedData<'item.upserted'>;
export type CustomerInput = FixedData<'customer.upserted'>;
export type SupplierInput = FixedData<'supplier.upserted'>;
export type WorkCenterInput = z.input<typeof workCenterUpsertedSchema>;
export type RoutingInput = z.input<typeof routingReplacedSchema>;
export type SupplierItemInput = z.input<typeof supplierItemUpsertedSchema>;
export type ReasonCodeInput = z.input<typeof reasonCodeUpsertedSchema>;
export type PlanningCategoryInput = z.input<typeof planningCategoryInput>;

export interface DemoUser {
	username: string;
	displayName: string;
	roles: Role[];
	department?: string;
	/** What the person does, shown beside the name on the login page. */
	title: { 'zh-CN': string; en: string };
}

/** Opening balance of an item in the main store, entered by the warehouse (reason OPENING). */
export interface OpeningStock {
	itemId: string;
	qty: number;
	unitCost: number;
}

export interface Plant {
	seed: number;
	users: DemoUser[];
	customFields: CustomFieldDefinition[];
	reasonCodes: ReasonCodeInput[];
	approvalRules: ApprovalRule[];
	workCenters: WorkCenterInput[];
	/** Components before the items that use them. */
	items: ItemInput[];
	boms: BomReplaced[];
	routings: RoutingInput[];
	suppliers: SupplierInput[];
	supplierItems: SupplierItemInput[];
	customers: CustomerInput[];
	openingStock: OpeningStock[];
	planningCategories: PlanningCategoryInput[];
}
