// Search boxes match a term anywhere in a code or a name: the term becomes an ILIKE pattern whose own
// wildcards (`%`, `_`, `\`) are taken literally.

/** A search term as an ILIKE pattern matching it anywhere. */
export const containing = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
