-- One prober among several server instances (docs/decisions/012-one-prober-among-instances.md).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- Who probes. Same pattern as execution_lease: taken with "update ... where expired or owner",
-- every take increments the fencing token; the holder renews it every third of its duration and
-- checks it (row locked) in every transaction that writes observations and outcomes.
create table monitoring_lease (
  name          varchar(64)              not null,
  owner         varchar(200)             not null,
  fencing_token bigint                   not null,
  expires_at    timestamp with time zone not null,
  constraint monitoring_lease_pk primary key (name),
  constraint monitoring_lease_token_positive check (fencing_token > 0)
);

-- The instance that made the observation, and what a follower needs to rebuild its probe result:
-- the replication markers as JSON (platform, kind, value, position) and when the heartbeat was read.
alter table observation add column prober varchar(200);
alter table observation add column markers text;
alter table observation add column heartbeat_read_at timestamp with time zone;

-- The observation the latest outcome was judged on, so followers read the latest observation per
-- resource with one join instead of scanning the history.
alter table status_outcome add column observation_id bigint;
