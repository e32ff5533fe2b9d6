-- Personal API tokens for scripts (decision 013): the secret is stored only as its SHA-256 hash;
-- tokens are revoked, never deleted. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
create table api_token (
  id           varchar(40)              not null,
  owner        varchar(200)             not null,
  name         varchar(200)             not null,
  secret_hash  char(64)                 not null,
  created_at   timestamp with time zone not null,
  expires_at   timestamp with time zone not null,
  revoked_at   timestamp with time zone,
  last_used_at timestamp with time zone,
  constraint api_token_pk primary key (id),
  constraint api_token_secret_hash_uk unique (secret_hash)
);
create index api_token_owner_idx on api_token (owner);
