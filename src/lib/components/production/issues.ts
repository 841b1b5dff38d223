// How production forms place their issues. Wording is shared (../issues.ts: by code and parameters);
// what is particular here is where an issue about the order itself is shown.
export { wordIssues } from '../issues.ts';
import type { FieldIssue } from '../issues.ts';

/**
 * Issues on the order itself ("productionOrderId": it moved on meanwhile, it is closed) are about no
 * field of the order page's forms: shown without a path, as what happened to the whole order.
 */
export const aboutTheOrder = (issues: readonly FieldIssue[]): FieldIssue[] =>
	issues.map((i) => (i.path === 'productionOrderId' ? { ...i, path: '' } : i));
