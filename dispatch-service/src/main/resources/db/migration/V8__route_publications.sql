-- Every route sent to a technician (RoutePlanned), so the day's churn can be reported: route versions per
-- technician-day. published_route keeps only the last one (what a re-plan compares against).
create table route_publication (
    territory_id  text        not null,
    service_date  date        not null,
    technician_id text        not null,
    version       bigint      not null,
    published_at  timestamptz not null,
    reason        text,
    primary key (territory_id, service_date, technician_id, version)
);
