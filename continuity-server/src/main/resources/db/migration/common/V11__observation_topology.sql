-- Connector SPI v2: which site a probe saw as primary (typed, no longer a payload convention) and
-- what each member was seen as (JSON: site, member, role, connectivity, marker, detail).
alter table observation add column primary_site varchar(200);
alter table observation add column members text;

-- The last primary marker monitoring observed, read by any instance that runs a failover.
create index observation_primary_marker_idx on observation (resource_id, id);
