-- Sign-in throttle (decision 017): failed sign-ins per (user name tried, client address), shared by
-- every instance on the store. A row exists only while a pair has failures that matter; a
-- successful sign-in removes it. Never holds a password or token. Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL.
create table auth_throttle (
  username        varchar(200)             not null,
  client_address  varchar(64)              not null,
  failures        integer                  not null,
  window_started  timestamp with time zone not null,
  last_failure_at timestamp with time zone not null,
  strikes         integer                  not null,
  blocked_until   timestamp with time zone,
  audited_minute  timestamp with time zone,
  unaudited       integer                  not null,
  constraint auth_throttle_pk primary key (username, client_address)
);
create index auth_throttle_last_failure_idx on auth_throttle (last_failure_at);
