-- API tokens gain read scopes (server/auth/read-scopes.ts); a token reads only what it was granted.
alter table api_tokens add column reads text[] not null default '{}';

-- Existing API tokens keep posting what they posted. Those without a list posted every type: that is
-- now written "*", since an API token without a list posts nothing. They also read the whole event
-- log before, and keep that; every other read an administrator grants anew.
update api_tokens set reads = '{events}' where kind = 'api' and event_types is null;
update api_tokens set event_types = '{*}' where kind = 'api' and event_types is null;
