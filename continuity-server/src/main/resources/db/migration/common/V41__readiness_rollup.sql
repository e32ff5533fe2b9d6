-- Readiness rollup (decision 025, issue 17): the already-judged figures of one resource over one
-- closed UTC day, written by the rollup job (ReadinessRollup) before retention downsamples the
-- day's raw observations, so readiness reports sum whole days here and sweep only the partial days
-- at a period's edges from the history. Times are milliseconds of the day (every millisecond is in
-- exactly one of green, yellow, red, lost, unknown). rpo_ms and horizon_ms are the RPO target and
-- evidence horizon the day was judged with: a report uses a row only when they are still the
-- resource's. Re-running the job for a day rewrites its rows. Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL.
create table readiness_rollup (
  resource_id       varchar(200)             not null,
  utc_day           date                     not null,
  rpo_ms            bigint                   not null,
  horizon_ms        bigint                   not null,
  period_ms         bigint                   not null,
  green_ms          bigint                   not null,
  yellow_ms         bigint                   not null,
  red_ms            bigint                   not null,
  lost_ms           bigint                   not null,
  unknown_ms        bigint                   not null,
  within_rpo_ms     bigint                   not null,
  evidence_ms       bigint                   not null,
  worst_lag_seconds double precision,
  worst_lag_at      timestamp with time zone,
  longest_lost_ms   bigint                   not null,
  longest_lost_from timestamp with time zone,
  lost_at_start_ms  bigint                   not null,
  lost_at_end_ms    bigint                   not null,
  rolled_up_at      timestamp with time zone not null,
  constraint readiness_rollup_pk primary key (resource_id, utc_day)
);

create index readiness_rollup_utc_day_idx on readiness_rollup (utc_day);
