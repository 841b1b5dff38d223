// The import page's actions: the file posted is read (CSV or XLSX, by its name) and every row runs
// through its kind's command in one transaction, as the signed-in user. A preview always rolls back;
// an import commits only when every row passes — otherwise nothing is written and the issues come
// back, as from POST /api/import/<kind>.
import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { readBytes } from '$lib/server/http';
import { text } from '$lib/components/form-values';
import type { FieldIssue } from '$lib/components/issues';
import { importKind } from '$server/import/kinds.ts';
import { runImport } from '$server/import/run.ts';
import { readSheet, type Sheet, type SheetFormat } from '$server/import/sheet.ts';
import type { User } from '$server/auth/users.ts';
import { attempt } from '../settings/form-actions.server.ts';

/** The file's limit, as for the API; the form around it may add a little. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const refused = (status: number, kind: string, path: string, code: string, message: string) =>
	fail(status, { values: { kind }, issues: [{ path, message, code }] as FieldIssue[] });

const formatOf = (name: string): SheetFormat | null => (/\.xlsx$/i.test(name) ? 'xlsx' : /\.csv$/i.test(name) ? 'csv' : null);

/** The posted form, read up to a limit: a larger upload is refused before it is held in memory. */
async function readUpload(request: Request): Promise<FormData | null> {
	const out = await attempt(() => readBytes(request, MAX_FILE_BYTES + 64 * 1024));
	if ('issues' in out) return null;
	return new Response(new Uint8Array(out.result), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
}

export async function importForm(user: User, request: Request, commit: boolean) {
	const form = await readUpload(request);
	if (!form) return refused(413, '', 'file', 'ERR_IMPORT_TOO_LARGE', `the file is larger than ${MAX_FILE_BYTES} bytes`);
	const kindName = text(form, 'kind');
	const kind = importKind(kindName);
	if (!kind) return refused(400, kindName, 'kind', 'ERR_IMPORT_KIND', 'choose what to import');
	const file = form.get('file');
	if (!(file instanceof File) || !file.name || file.size === 0) return refused(400, kindName, 'file', 'ERR_IMPORT_NO_FILE', 'choose a file');
	const format = formatOf(file.name);
	if (!format) return refused(400, kindName, 'file', 'ERR_IMPORT_FILE_TYPE', 'must be a .csv or .xlsx file');
	if (file.size > MAX_FILE_BYTES) return refused(413, kindName, 'file', 'ERR_IMPORT_TOO_LARGE', `the file is larger than ${MAX_FILE_BYTES} bytes`);
	let sheet: Sheet;
	try {
		sheet = await readSheet(Buffer.from(await file.arrayBuffer()), format);
	} catch (err) {
		return refused(400, kindName, 'file', 'ERR_IMPORT_UNREADABLE', `the file could not be read as ${format.toUpperCase()}: ${(err as Error).message}`);
	}
	const rt = await runtime();
	// A kind whose command the user's roles do not allow is refused as a whole (ERR_FORBIDDEN).
	const out = await attempt(() => runImport(rt, kind, sheet, userActor(user), commit));
	if ('issues' in out) return fail(out.status, { values: { kind: kindName }, issues: out.issues });
	const result = { ...out.result, commit, fileName: file.name };
	return commit && !result.committed ? fail(400, { values: { kind: kindName }, result }) : { values: { kind: kindName }, result };
}
