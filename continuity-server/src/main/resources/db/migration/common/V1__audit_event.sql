-- The append-only, hash-chained audit trail (docs/decisions/003-state-store-and-audit-chain.md).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

create table audit_event (
  seq           bigint                   not null,
  event_type    varchar(100)             not null,
  actor         varchar(200)             not null,
  occurred_at   timestamp with time zone not null,
  execution_id  varchar(200),
  resource_id   varchar(200),
  reason        text                     not null,
  change_ticket varchar(200),
  details       text                     not null,
  prev_hash     varchar(64)              not null,
  hash          varchar(64)              not null,
  constraint audit_event_pk primary key (seq),
  constraint audit_event_seq_positive check (seq > 0)
);

create index audit_event_execution_idx on audit_event (execution_id);
create index audit_event_resource_idx on audit_event (resource_id);
create index audit_event_actor_idx on audit_event (actor);
create index audit_event_occurred_idx on audit_event (occurred_at);

-- The single row every append locks (SELECT ... FOR UPDATE) so appends serialize across threads
-- and across server instances. It also records the chain's head, which lets verify notice
-- events removed from the end. Its foreign key makes TRUNCATE of audit_event fail on both stores.
create table audit_head (
  id        int         not null,
  last_seq  bigint,
  last_hash varchar(64) not null,
  constraint audit_head_pk primary key (id),
  constraint audit_head_single_row check (id = 1),
  constraint audit_head_last_event_fk foreign key (last_seq) references audit_event (seq)
);

insert into audit_head (id, last_seq, last_hash)
values (1, null, '0000000000000000000000000000000000000000000000000000000000000000');
