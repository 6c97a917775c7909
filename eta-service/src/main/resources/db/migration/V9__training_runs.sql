-- Training runs in the database, not one instance's memory (the table existed since V2 but was never written): any
-- instance answers where a run is, and a run under way on one instance keeps another from starting a second.
-- updated_at is the database's real time (a heartbeat): a run whose instance died stops counting after a while.
alter table training_run add column updated_at timestamptz not null default now();
create index training_run_started on training_run (started_at desc);
