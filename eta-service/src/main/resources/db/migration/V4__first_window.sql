-- The first window a customer was sent, kept for the evaluation report (the published_* columns follow the latest).
alter table forecast add column first_published_at   timestamptz;
alter table forecast add column first_window_start   timestamptz;
alter table forecast add column first_window_end     timestamptz;
alter table forecast add column first_probability    double precision;
alter table forecast add column first_p50            timestamptz;
alter table forecast add column first_model_version  text;
-- Rows published once so far: their latest publication is the first one.
update forecast set first_published_at = published_at, first_window_start = published_window_start,
                    first_window_end = published_window_end, first_probability = published_probability,
                    first_p50 = p50, first_model_version = model_version
where published_version = 1;
