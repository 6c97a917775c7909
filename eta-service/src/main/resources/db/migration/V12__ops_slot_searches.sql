-- The funnel's first step: how many times people looked for a window, per territory, local day and channel (the
-- sums of dispatch's SlotSearches counts; each event adds to its row once, by the processed-event marks).
create table ops_slot_search (
    territory_id text    not null,
    day          date    not null,
    channel      text    not null,
    searches     integer not null default 0,
    empty        integer not null default 0,
    primary key (territory_id, day, channel)
);

create index ops_slot_search_day on ops_slot_search (day, territory_id);
