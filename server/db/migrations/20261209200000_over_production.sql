-- How much more than a production order's quantity may be reported as finished without a reason, in
-- percent of the quantity, per item (default 0: none). Beyond it a report needs a reason of the
-- over_production list (server/production/over-production.ts).
alter table items add column over_production_pct numeric(6, 2) not null default 0;
