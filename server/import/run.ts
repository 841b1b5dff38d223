// Running an import: every step (a row, or the rows of one BOM, routing or order) through its
// command, in ONE transaction, each step behind a savepoint so every bad row is reported. A preview
// always rolls back; a commit rolls back too unless every row passed — all or nothing.
import { admit, asAppError, decide, type Actor, type Issue } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { withCustomColumns, type ImportKind, type Step } from './kinds.ts';
import { readRows, type RowIssue, type Sheet } from './sheet.ts';

export interface ImportResult {
	kind: string;
	committed: boolean;
	rows: number;
	steps: number;
	issues: RowIssue[];
}

/** Where an issue of a step's input belongs: its row (by path prefix) and column. */
function locate(step: Step, issue: Issue): RowIssue {
	let row = step.rows[0];
	let rest = issue.path;
	for (const [prefix, n] of Object.entries(step.rowOfPath)) {
		if (issue.path === prefix || issue.path.startsWith(prefix + '.')) {
			row = n;
			rest = issue.path.slice(prefix.length + 1);
		}
	}
	const column = step.columnOf?.[rest] ?? (rest.startsWith('custom.') ? rest : rest.split('.')[0] || undefined);
	const out: RowIssue = { row, message: issue.message };
	if (column) out.column = column;
	if (issue.code) out.code = issue.code;
	if (issue.params) out.params = issue.params;
	return out;
}

export async function runImport(rt: Runtime, baseKind: ImportKind, sheet: Sheet, actor: Actor, commit: boolean): Promise<ImportResult> {
	const kind = await withCustomColumns(rt.db, baseKind);
	const { rows, issues } = readRows(kind, sheet);
	const steps = kind.steps(rows);
	const now = rt.clock.now();
	return rt.events.steps(async (tx, append) => {
		if (!issues.some((i) => i.row === 1)) {
			for (const [n, step] of steps.entries()) {
				if (issues.some((i) => step.rows.includes(i.row))) continue; // a bad cell: the row is reported already
				await tx.exec(`savepoint step_${n}`);
				try {
					const input = admit(kind.command, step.input, actor);
					const { events } = await decide(rt, tx, kind.command, input, actor, now, 'import');
					await append(events);
					await tx.exec(`release savepoint step_${n}`);
				} catch (e) {
					await tx.exec(`rollback to savepoint step_${n}`);
					const err = asAppError(e);
					if (!(err instanceof AppError)) throw err;
					if (err.code === 'ERR_FORBIDDEN') throw err;
					const found = (err.details.issues as Issue[] | undefined) ?? [{ index: 0, path: '', message: err.message }];
					issues.push(...found.map((i) => locate(step, i)));
				}
			}
		}
		issues.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
		const ok = issues.length === 0;
		return { commit: commit && ok, result: { kind: kind.kind, committed: commit && ok, rows: rows.length, steps: steps.length, issues } };
	});
}
