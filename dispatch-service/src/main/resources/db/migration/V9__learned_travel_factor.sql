-- What eta-service learned about each technician's driving (fieldcast.duration-estimates): actual travel over
-- road-network travel per local hour, 24 values as a JSON array, already clamped to a sane range.
create table learned_travel_factor (
    technician_id  text        primary key,
    factor_by_hour text        not null,
    model_version  text        not null,
    updated_at     timestamptz not null
);
