-- The inventory store (docs/decisions/005-inventory-reconciliation.md). Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL. Rows are never deleted: a resource or group that leaves the
-- inventory files gets removed_at, and every definition it ever had stays in its revision table.

-- The single row every reconcile and role change locks (SELECT ... FOR UPDATE), so reloads
-- serialize across server instances sharing one store. generation counts successful reconciles;
-- 0 means no inventory was ever stored.
create table inventory_state (
  id            int                      not null,
  generation    bigint                   not null,
  reconciled_at timestamp with time zone,
  constraint inventory_state_pk primary key (id),
  constraint inventory_state_single_row check (id = 1)
);

insert into inventory_state (id, generation, reconciled_at) values (1, 0, null);

-- One row per resource id ever declared. definition is the canonical JSON of the whole resource
-- (connector settings, secret references such as env:NAME, never secret values).
create table resource (
  id                   varchar(63)              not null,
  name                 text                     not null,
  platform             varchar(40)              not null,
  tier                 int                      not null,
  environment          text                     not null,
  owner                text                     not null,
  primary_site         text                     not null,
  dr_site              text                     not null,
  current_primary_site text                     not null,
  definition           text                     not null,
  definition_hash      varchar(64)              not null,
  created_at           timestamp with time zone not null,
  updated_at           timestamp with time zone not null,
  removed_at           timestamp with time zone,
  constraint resource_pk primary key (id),
  constraint resource_tier_known check (tier in (1, 2))
);

create index resource_removed_idx on resource (removed_at);

-- Append-only history of every resource definition, numbered from 1 per resource.
create table resource_revision (
  resource_id     varchar(63)              not null,
  revision        int                      not null,
  change_kind     varchar(20)              not null,
  definition      text                     not null,
  definition_hash varchar(64)              not null,
  actor           varchar(200)             not null,
  changed_at      timestamp with time zone not null,
  constraint resource_revision_pk primary key (resource_id, revision),
  constraint resource_revision_resource_fk foreign key (resource_id) references resource (id),
  constraint resource_revision_kind check (change_kind in ('ADDED', 'CHANGED', 'REMOVED', 'RESTORED'))
);

-- One row per group id ever declared; definition holds members and dependencies as JSON.
create table resource_group (
  id              varchar(63)              not null,
  name            text                     not null,
  tier            int                      not null,
  definition      text                     not null,
  definition_hash varchar(64)              not null,
  created_at      timestamp with time zone not null,
  updated_at      timestamp with time zone not null,
  removed_at      timestamp with time zone,
  constraint resource_group_pk primary key (id),
  constraint resource_group_tier_known check (tier in (1, 2))
);

create table resource_group_revision (
  group_id        varchar(63)              not null,
  revision        int                      not null,
  change_kind     varchar(20)              not null,
  definition      text                     not null,
  definition_hash varchar(64)              not null,
  actor           varchar(200)             not null,
  changed_at      timestamp with time zone not null,
  constraint resource_group_revision_pk primary key (group_id, revision),
  constraint resource_group_revision_group_fk foreign key (group_id) references resource_group (id),
  constraint resource_group_revision_kind check (change_kind in ('ADDED', 'CHANGED', 'REMOVED', 'RESTORED'))
);
