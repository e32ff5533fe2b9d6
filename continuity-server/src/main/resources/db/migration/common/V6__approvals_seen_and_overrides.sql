-- What approvers approved, and precheck overrides (issue 6). Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL.

-- Precheck overrides: an approver other than the requester and the confirmer lets one
-- failed, overridable precheck of one request pass, with a reason. One per request and check;
-- written with its PRECHECK_OVERRIDDEN audit event in one transaction, never updated or deleted.
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

-- What each approver saw when approving (the claims of a confirmation token as JSON: each
-- member's primary site, DR marker and position, the plan hash), written in the approval's
-- transaction. A confirmation is refused when the claims now differ from any approver's.
create table execution_approval_claims (
  execution_id varchar(64)              not null,
  approver     varchar(200)             not null,
  claims_json  text                     not null,
  approved_at  timestamp with time zone not null,
  constraint execution_approval_claims_pk primary key (execution_id, approver),
  constraint execution_approval_claims_request_fk foreign key (execution_id)
    references execution_request (id)
);
