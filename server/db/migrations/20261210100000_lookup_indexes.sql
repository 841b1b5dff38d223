-- The pickers' lookups (server/masterdata/lookup.queries.ts) find codes starting with what is typed,
-- whatever its case: lower(code) like 'ab%' uses these indexes (text_pattern_ops, so any collation),
-- and the first matches come in index order without reading the whole table.
create index items_lookup_code_idx on items (lower(item_id) text_pattern_ops);
create index customers_lookup_code_idx on customers (lower(customer_id) text_pattern_ops);
create index suppliers_lookup_code_idx on suppliers (lower(supplier_id) text_pattern_ops);
create index work_centers_lookup_code_idx on work_centers (lower(work_center_id) text_pattern_ops);
