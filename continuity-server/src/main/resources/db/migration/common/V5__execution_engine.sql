-- The execution engine (docs/decisions/009-execution-engine.md): the plan a confirmed request runs,
-- its durable step log, the one-runner lease and the one-execution-per-resource guard.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- The plan fixed at confirmation (JSON, see PlanJson) and the evidence seen before and after.
create table execution_run (
  execution_id    varchar(64)              not null,
  plan_hash       varchar(64)              not null,
  plan_json       text                     not null,
  evidence_before text                     not null,
  evidence_after  text,
  confirmed_at    timestamp with time zone not null,
  constraint execution_run_pk primary key (execution_id),
  constraint execution_run_request_fk foreign key (execution_id)
    references execution_request (id)
);

-- One row per step attempt, written before the step starts (STARTED) and after it ends. Every
-- write happens in a transaction that first checks the writer's fencing token on execution_lease.
create table execution_step (
  execution_id       varchar(64)              not null,
  seq                int                      not null,
  step_id            varchar(64)              not null,
  member_resource_id varchar(200)             not null,
  step_index         int                      not null,
  started_at         timestamp with time zone not null,
  finished_at        timestamp with time zone,
  outcome            varchar(20)              not null,
  output_text        text                     not null,
  facts              text                     not null,
  attempt            int                      not null,
  lease_token        bigint                   not null,
  constraint execution_step_pk primary key (execution_id, seq),
  constraint execution_step_outcome check
    (outcome in ('STARTED', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'INTERRUPTED')),
  constraint execution_step_request_fk foreign key (execution_id)
    references execution_request (id)
);

-- Who runs an execution. Taken with "update ... where expired or owner", every take increments
-- the fencing token; a runner that lost its lease can no longer write a step.
create table execution_lease (
  execution_id  varchar(64)              not null,
  owner         varchar(200)             not null,
  fencing_token bigint                   not null,
  expires_at    timestamp with time zone not null,
  constraint execution_lease_pk primary key (execution_id),
  constraint execution_lease_token_positive check (fencing_token > 0)
);

-- One running execution per resource (safety invariant 7): inserted with the confirmation,
-- deleted when the run ends; the primary key refuses a second one.
create table execution_active_resource (
  resource_id  varchar(200)             not null,
  execution_id varchar(64)              not null,
  since        timestamp with time zone not null,
  constraint execution_active_resource_pk primary key (resource_id)
);
