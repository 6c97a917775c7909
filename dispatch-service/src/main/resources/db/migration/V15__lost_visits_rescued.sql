-- A visit forecast far past its booked window asks for one re-plan of its own (its route rescued), even when a risk
-- to its told window asked for one before: the kind of promise at risk is part of the key.
alter table replan_risk add column kind text not null default 'TOLD_WINDOW';
alter table replan_risk drop constraint replan_risk_pkey;
alter table replan_risk add primary key (territory_id, service_date, appointment_id, kind);
