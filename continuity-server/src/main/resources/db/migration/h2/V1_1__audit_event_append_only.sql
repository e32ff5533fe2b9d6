-- H2: the store itself refuses UPDATE and DELETE on the audit trail through a Java trigger
-- loaded from the application class path. TRUNCATE is refused by H2 because audit_head holds a
-- foreign key to audit_event (H2 triggers do not fire on TRUNCATE).
create trigger audit_event_append_only
  before update, delete on audit_event
  for each row call 'io.continuity.server.audit.AppendOnlyTrigger';
