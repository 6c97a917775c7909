-- Why a visit got no first window while it was still an hour or more away (the last such reason and when it was
-- seen): the evaluation report says why customers were not told in time.
alter table forecast add column held_reason text;
alter table forecast add column held_at     timestamptz;
