-- Recovery plans (decision 021): a request that recovers a FAILED execution, rolling its members
-- back to the roles from before the run or forward to its target. One row per recovery request;
-- the failed execution may have several (one at a time in flight, checked by the service).
create table execution_recovery (
  execution_id     varchar(64)              not null,
  recovers_id      varchar(64)              not null,
  recovery_option  varchar(20)              not null,
  created_at       timestamp with time zone not null,
  constraint execution_recovery_pk primary key (execution_id),
  constraint execution_recovery_request_fk foreign key (execution_id)
    references execution_request (id),
  constraint execution_recovery_failed_fk foreign key (recovers_id)
    references execution_request (id),
  constraint execution_recovery_option_ck
    check (recovery_option in ('ROLL_BACK', 'ROLL_FORWARD'))
);

create index execution_recovery_recovers_idx on execution_recovery (recovers_id);
