// What every page's form actions share: a command refused (AppError) comes back to its form as
// field issues (nothing was saved); anything else is a real failure and is thrown on.
import type { FieldIssue } from '$lib/components/issues';
import { AppError } from './http.ts';

export type Refused = { status: number; issues: FieldIssue[] };

/** Issues as a form gets them back: path, message, and code and parameters where there are. */
export const plain = (issues: readonly FieldIssue[]): FieldIssue[] =>
	issues.map(({ path, message, code, params }) => ({ path, message, ...(code && { code }), ...(params && { params }) }));

export async function attempt<R>(run: () => Promise<R>): Promise<{ result: R } | Refused> {
	try {
		return { result: await run() };
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		const issues = (err.details.issues as FieldIssue[] | undefined) ?? [{ path: '', message: err.message, code: err.code }];
		return { status: err.status, issues: plain(issues) };
	}
}
