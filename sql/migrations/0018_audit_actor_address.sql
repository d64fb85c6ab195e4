-- Who and from where, as columns of the audit log: the actor's display name (until now
-- only inside details) and the client address the request reported (lib/http/client-address.ts).
-- The claim of an edited record carries the address too, so a repair that writes a lost
-- audit row writes it with the editor's address. Rows written before read '' for both.
-- Columns are only added: nothing here or anywhere in the product changes or removes an
-- audit row (test/unit/store/audit-append-only.test.ts).
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor_name String DEFAULT '';
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS client_address String DEFAULT '';
ALTER TABLE record_versions ADD COLUMN IF NOT EXISTS actor_address String DEFAULT '';
