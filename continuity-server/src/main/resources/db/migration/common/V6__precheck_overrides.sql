-- Precheck overrides (issue 6): an approver other than the requester and the confirmer lets one
-- failed, overridable precheck of one request pass, with a reason. One per request and check;
-- written with its PRECHECK_OVERRIDDEN audit event in one transaction, never updated or deleted.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
create table execution_override (
  execution_id varchar(64)              not null,
  check_id     varchar(300)             not null,
  actor        varchar(200)             not null,
  reason       varchar(2000)            not null,
  seen         text                     not null,
  created_at   timestamp with time zone not null,
  audit_seq    bigint                   not null,
  constraint execution_override_pk primary key (execution_id, check_id),
  constraint execution_override_request_fk foreign key (execution_id)
    references execution_request (id)
);
