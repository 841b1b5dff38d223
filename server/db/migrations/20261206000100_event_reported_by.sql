-- Who a sender says did the work (an MES operator, an ERP user), kept apart from `actor`, which the
-- server stamps: for ingested events the token that posted them. Null when the sender named nobody.
alter table events add column if not exists reported_by text;
