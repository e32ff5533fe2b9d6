-- Execution requests and their approvals (docs/decisions/006-execution-request-store.md).
-- One row per request holds its ExecutionRequestSnapshot; updates are optimistic: every save is
-- "update ... where id = ? and version = ?", and 0 rows means someone else saved first.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

create table execution_request (
  id                          varchar(64)              not null,
  operation_type              varchar(20)              not null,
  scope_kind                  varchar(10)              not null,
  scope_id                    varchar(200)             not null,
  target_site                 varchar(200)             not null,
  tier                        int                      not null,
  created_by                  varchar(200)             not null,
  created_at                  timestamp with time zone not null,
  change_ticket               varchar(200),
  reason                      text                     not null,
  -- the approval policy as it applied when the request was created (AppliedPolicy)
  approvals_required          int                      not null,
  pending_approval_ttl_ms     bigint                   not null,
  approved_not_started_ttl_ms bigint                   not null,
  confirmer_may_be_approver   boolean                  not null,
  state                       varchar(30)              not null,
  -- JSON object: state name -> ISO-8601 instant it was entered
  state_entered_at            text                     not null,
  -- derived from state and policy on every save, so the expiry job can query it
  expires_at                  timestamp with time zone,
  break_glass_by              varchar(200),
  break_glass_justification   text,
  break_glass_incident        varchar(200),
  break_glass_at              timestamp with time zone,
  review_by                   varchar(200),
  review_findings             text,
  review_at                   timestamp with time zone,
  retry_of                    varchar(64),
  presented_to                varchar(200),
  confirmed_by                varchar(200),
  current_step                varchar(200),
  -- JSON arrays of step and check ids
  completed_steps             text                     not null,
  failed_checks               text                     not null,
  failure_reason              text,
  failure_step                varchar(200),
  failure_at                  timestamp with time zone,
  version                     bigint                   not null,
  constraint execution_request_pk primary key (id),
  constraint execution_request_scope_kind check (scope_kind in ('RESOURCE', 'GROUP')),
  constraint execution_request_tier check (tier in (1, 2)),
  constraint execution_request_version check (version >= 1),
  constraint execution_request_retry_of_fk foreign key (retry_of) references execution_request (id)
);

create index execution_request_created_idx on execution_request (created_at);
create index execution_request_scope_idx on execution_request (scope_id);
create index execution_request_state_idx on execution_request (state, expires_at);

-- One decision per person per request: the primary key is the last guard against counting one
-- person twice, the ordinal one against two concurrent saves that both appended "the next" one.
create table execution_approval (
  execution_id  varchar(64)              not null,
  ordinal       int                      not null,
  actor         varchar(200)             not null,
  decision      varchar(10)              not null,
  comment_text  text                     not null,
  decided_at    timestamp with time zone not null,
  constraint execution_approval_pk primary key (execution_id, actor),
  constraint execution_approval_ordinal_uq unique (execution_id, ordinal),
  constraint execution_approval_decision check (decision in ('APPROVED', 'REJECTED')),
  constraint execution_approval_request_fk foreign key (execution_id)
    references execution_request (id)
);
