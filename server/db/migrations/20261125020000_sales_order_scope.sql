-- Which department a sales order belongs to and who entered it (server/auth/scope.ts): sales users
-- with a department see their department's orders, and "my orders" are the ones they entered.
alter table sales_orders add column department text;
alter table sales_orders add column entered_by text;
create index sales_orders_department_idx on sales_orders (department);
create index sales_orders_entered_by_idx on sales_orders (entered_by);
