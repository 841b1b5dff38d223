import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATE_DIR = fileURLToPath(new URL('../../test-data/pglite-template/', import.meta.url));
