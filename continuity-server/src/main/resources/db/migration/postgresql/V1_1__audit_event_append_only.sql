-- PostgreSQL: the store itself refuses UPDATE, DELETE and TRUNCATE on the audit trail.
create function audit_event_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Audit events can only be appended; record a correcting event instead.';
end
$$;

create trigger audit_event_append_only
  before update or delete on audit_event
  for each row execute function audit_event_refuse_change();

create trigger audit_event_no_truncate
  before truncate on audit_event
  for each statement execute function audit_event_refuse_change();
