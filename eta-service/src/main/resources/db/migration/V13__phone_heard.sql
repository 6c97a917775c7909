-- When the technician's phone was last heard from: the receipt of its latest batch of fixes, whatever their device
-- time (an offline phone's replay is heard when it arrives). A phone silent for a while on shift may be offline with
-- news the platform has not seen, so its silence does not move the windows told to customers (ForecastService).
alter table technician_position add column heard_at timestamptz;
