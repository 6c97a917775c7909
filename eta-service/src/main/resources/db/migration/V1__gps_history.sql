-- GPS history: one row per ping, de-duplicated on the phone's own ping id, in any arrival order.
-- Partitioned by device day so retention drops whole partitions and time scans touch few of them.
create table gps_ping (
    technician_id   text             not null,
    client_id       text             not null,
    device_time     timestamptz      not null,
    received_at     timestamptz      not null,
    lat             double precision not null,
    lon             double precision not null,
    accuracy_m      real             not null,
    speed_mps       real,
    heading_deg     real,
    primary key (technician_id, client_id, device_time)
) partition by range (device_time);

-- Catch-all partition: a ping is never refused for lack of a day partition. Day partitions and their
-- retention are managed by the history job (eta issue); until then every row lives here.
create table gps_ping_default partition of gps_ping default;

create index gps_ping_time_brin on gps_ping using brin (device_time);
create index gps_ping_tech_time on gps_ping (technician_id, device_time);
