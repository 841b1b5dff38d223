// Every command the REST API offers, by name: POST /api/commands/<name> with the command's input as
// JSON. The OpenAPI document is generated from this list and the commands' zod schemas. Tokens are
// created and revoked through /api/tokens (token.create / token.revoke check event types against the
// catalogue first), not here.
import type { Command } from './command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder, reverseShipment, shipSalesOrderLine } from '../sales/commands.ts';
import { adjustStock, issueStock, transferStock } from '../inventory/commands.ts';
import {
	approveRequisition,
	confirmPurchaseOrder,
	createRequisition,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	reverseReceipt,
	recordInspection,
	reverseInspection,
	rejectRequisition,
	requestExpedite,
	saveApprovalRule,
	saveSupplierItem
} from '../purchasing/commands.ts';
import { changeOwnPassword, createUser, disableUser, enableUser, setUserPassword, updateUser } from '../auth/user-commands.ts';
import { defineCustomField } from '../masterdata/custom-fields.ts';
import { saveReasonCode } from '../sales/reason-codes.ts';
import {
	cancelProductionOrder,
	changeWorkCenterStatus,
	completeProductionOrder,
	createProductionOrder,
	releaseProductionOrder,
	rescheduleProductionOrder,
	replaceRouting,
	reportProduction,
	reverseProductionReport,
	saveWorkCenter,
	startOperation
} from '../production/commands.ts';
import { firmPlannedOrder, savePlanningCategory } from '../planning/linkage.commands.ts';
import { saveAlertChannel } from '../alerts/channels/channel.commands.ts';
import { acknowledgeAlert, resolveAlert, saveAlertRule } from '../alerts/commands.ts';
import { createTrackingLink, revokeTrackingLink } from '../sales/tracking.ts';
import { removeCustomerPrice, saveCustomerPrice } from '../sales/customer-price.commands.ts';
import { commentKpi } from '../kpi/comments.ts';

export const COMMANDS: Record<string, { command: Command<never, unknown>; summary: string }> = Object.fromEntries(
	(
		[
			[saveItem, 'Create or change an item'],
			[replaceBom, "Replace an item's bill of material (unknown items and cycles are refused)"],
			[saveCustomer, 'Create or change a customer'],
			[saveSupplier, 'Create or change a supplier'],
			[saveCustomerPrice, "Set a customer's agreed price of an item (currency default CNY); new orders take it when a line has no price"],
			[removeCustomerPrice, "Withdraw a customer's agreed price of an item"],
			[createSalesOrder, 'Enter a sales order (known customer and items); a line without a price takes the customer price or the list price'],
			[changeSalesOrder, 'Change order lines, with a reason code'],
			[cancelSalesOrder, 'Cancel order lines or a whole order, with a reason code'],
			[promiseSalesOrder, 'Give promise dates for order lines'],
			[shipSalesOrderLine, 'Ship against an order line (no over-shipment, no negative stock unless allowed)'],
			[reverseShipment, 'Take a mistaken shipment back with a reason of the correction list: the line owes it again, the goods return to stock'],
			[adjustStock, 'Adjust stock at a location, with a reason code'],
			[transferStock, 'Transfer stock between locations (not out of QC or REJECTED)'],
			[issueStock, 'Issue components from stock to a production order'],
			[saveSupplierItem, "Set a supplier's price, lead time, MOQ and multiple for an item"],
			[saveApprovalRule, 'Create or change a requisition approval rule (settings; admin only)'],
			[createRequisition, 'Raise a purchase requisition; the first matching approval rule decides its approval steps'],
			[approveRequisition, 'Approve the pending step of a requisition (the step names the role)'],
			[rejectRequisition, 'Reject a requisition at its pending step'],
			[placePurchaseOrder, 'Place a purchase order (from approved requisitions or directly)'],
			[confirmPurchaseOrder, 'Record the supplier confirmation of delivery dates'],
			[delayPurchaseOrder, 'Record a delay notice: new expected date, with a reason code'],
			[requestExpedite, 'Flag a purchase order line still to receive for the buyer to expedite, with an optional note'],
			[receiveGoods, 'Receive goods against a purchase order line (never more than ordered); they wait in QC'],
			[reverseReceipt, 'Take a mistaken goods receipt back before inspection, with a reason of the correction list: the goods leave QC'],
			[recordInspection, 'Inspect received goods: accepted become usable stock, rejected never do'],
			[reverseInspection, 'Take a mistaken inspection back with a reason of the correction list: its goods return to QC'],
			[saveWorkCenter, 'Create or change a work centre with its shift calendar and holidays'],
			[changeWorkCenterStatus, 'Set a work centre up, down or in maintenance (reason code when stopping)'],
			[replaceRouting, "Replace an item's routing (operations, work centres, setup and run minutes)"],
			[createProductionOrder, 'Create a production order; operations are copied from the routing'],
			[releaseProductionOrder, 'Release a production order to the shop floor'],
			[startOperation, 'Start an operation of a released order'],
			[reportProduction, 'Report good and scrap quantities (scrap needs a reason); may backflush components'],
			[reverseProductionReport, 'Take a mistaken production report back while its order is open, with a reason of the correction list: backflushed components return'],
			[completeProductionOrder, 'Complete a production order: finished goods into stock; may backflush components'],
			[cancelProductionOrder, 'Cancel a production order that is not completed, with a reason code'],
			[rescheduleProductionOrder, 'Move an open production order to a new due date, with an optional reason'],
			[savePlanningCategory, "Set an item category's linkage: planned orders suggested, or firmed automatically within a window of days (no category: the default)"],
			[firmPlannedOrder, 'Firm a planned order: a purchase requisition (buy, through the approval rules) or a draft production order (make), carrying its pegs'],
			[saveReasonCode, 'Add, rename or retire a reason code (settings)'],
			[createTrackingLink, "Make a share link to a customer's order tracking page (read-only, in the customer's language); the answer holds the link's secret, shown once"],
			[revokeTrackingLink, 'Revoke a customer tracking link: it opens nothing any more'],
			[commentKpi, "Comment on a KPI's figure of a day (the standup): shown beside it and on its trend"],
			[saveAlertRule, 'Create or change an alert rule: kind and its parameters, severity, owner, dedupe key, quiet hours, escalation (admin only)'],
			[acknowledgeAlert, "Acknowledge an alert, with an optional comment (the alert's owner or an administrator)"],
			[resolveAlert, "Resolve an alert, with a comment (the alert's owner or an administrator)"],
			[defineCustomField, 'Define or change a no-code field of items, customers, suppliers, sales or purchase orders (admin only)'],
			[saveAlertChannel, 'Create or change an alert channel: WeCom, DingTalk, Feishu/Lark, Slack, generic webhook or email (admin only; the secret is stored sealed and never shown again)'],
			[createUser, 'Create a user (admin only)'],
			[disableUser, 'Disable a user: no more sign-ins, sessions end (admin only)'],
			[enableUser, 'Let a disabled user sign in again (admin only)'],
			[updateUser, "Change a user's display name, roles, department or language (admin only)"],
			[setUserPassword, "Set a user's password; their sessions end (admin only)"],
			[changeOwnPassword, 'Change your own password (signed-in users; needs the current one)']
		] as [Command<never, unknown>, string][]
	).map(([command, summary]) => [command.name, { command, summary }])
);
