import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Each test run prepares its own template, so concurrent runs on one machine do not collide. */
export const templateDirFor = (runId: string) => fileURLToPath(new URL(`../../test-data/pglite-template-${runId}/`, import.meta.url));
