-- Maintenance windows on execution requests, and recurring drill windows (decision 029).
-- A request may carry a window: its plan is presented and its start confirmed only inside it, and
-- its approvals expire with it (expires_at is then window_not_after). window_opened_at is set once,
-- by the first instance that records EXECUTION_WINDOW_OPENED, so the opening notifies once.
-- schedule_occurrence names the drill-schedule occurrence ("<group>@<instant>") a scheduled drill
-- was created for; unique, so each occurrence creates one request across restarts and instances
-- (null for every other request; nulls are distinct). Runs unchanged on H2 and PostgreSQL.
alter table execution_request add column window_not_before timestamp with time zone;
alter table execution_request add column window_not_after timestamp with time zone;
alter table execution_request add column window_opened_at timestamp with time zone;
alter table execution_request add column schedule_occurrence varchar(300);
alter table execution_request add constraint execution_request_window_order
  check (window_not_before is null or window_not_after > window_not_before);
create unique index execution_request_schedule_occurrence_uq
  on execution_request (schedule_occurrence);
create index execution_request_window_idx on execution_request (window_not_before);
