-- One-time codes of the command line's browser sign-in (login --sso, decision 024): kept only as
-- the SHA-256 of the code, bound to a PKCE S256 challenge, live two minutes and are deleted when
-- exchanged (or refused). In the shared store so any server instance can take the exchange.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
create table cli_login_code (
  code_hash  char(64)                 not null,
  owner      varchar(200)             not null,
  challenge  varchar(43)              not null,
  expires_at timestamp with time zone not null,
  constraint cli_login_code_pk primary key (code_hash)
);
create index cli_login_code_expires_idx on cli_login_code (expires_at);
