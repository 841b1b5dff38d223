// No-code field filters are shared by every list with such fields: server/shared/custom-filter.ts.
export { customFilterSql, isCustomParam, parseCustomFilters, type CustomFilter } from '../shared/custom-filter.ts';
