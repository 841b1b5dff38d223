import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.argv[2]);
const r = await db.query(process.argv[3]);
for (const row of r.rows) console.log(Object.values(row).join(' | '));
await db.close();
