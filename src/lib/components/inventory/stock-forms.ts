// The forms of an item's inventory page, as typed, and their command inputs: adjust stock at a
// location with a reason, transfer it between locations, issue it to a production order. Field names
// are the commands' own, so a refusal's path finds its field.
import { compact, num, optional, text } from '../form-values.ts';

export const DEFAULT_LOCATION = 'MAIN';

export interface AdjustValues {
	locationId: string;
	qty: string;
	unitCost: string;
	reasonCode: string;
	note: string;
}

export const blankAdjustValues = (): AdjustValues => ({ locationId: DEFAULT_LOCATION, qty: '', unitCost: '', reasonCode: '', note: '' });

export const readAdjustForm = (form: FormData): AdjustValues => ({
	locationId: text(form, 'locationId'),
	qty: text(form, 'qty'),
	unitCost: text(form, 'unitCost'),
	reasonCode: text(form, 'reasonCode'),
	note: text(form, 'note')
});

export const adjustInput = (itemId: string, v: AdjustValues) =>
	compact({ itemId, locationId: v.locationId, qty: num(v.qty), unitCost: num(v.unitCost), reasonCode: v.reasonCode, note: optional(v.note) });

export interface TransferValues {
	fromLocationId: string;
	toLocationId: string;
	qty: string;
}

export const blankTransferValues = (): TransferValues => ({ fromLocationId: DEFAULT_LOCATION, toLocationId: '', qty: '' });

export const readTransferForm = (form: FormData): TransferValues => ({
	fromLocationId: text(form, 'fromLocationId'),
	toLocationId: text(form, 'toLocationId'),
	qty: text(form, 'qty')
});

export const transferInput = (itemId: string, v: TransferValues) =>
	compact({ itemId, fromLocationId: v.fromLocationId, toLocationId: v.toLocationId, qty: num(v.qty) });

export interface IssueValues {
	productionOrderId: string;
	locationId: string;
	qty: string;
}

export const blankIssueValues = (): IssueValues => ({ productionOrderId: '', locationId: DEFAULT_LOCATION, qty: '' });

export const readIssueForm = (form: FormData): IssueValues => ({
	productionOrderId: text(form, 'productionOrderId'),
	locationId: text(form, 'locationId'),
	qty: text(form, 'qty')
});

export const issueInput = (itemId: string, v: IssueValues) =>
	compact({ itemId, productionOrderId: v.productionOrderId, locationId: v.locationId, qty: num(v.qty) });
