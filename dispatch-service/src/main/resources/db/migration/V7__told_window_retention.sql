-- Told windows bind on their own date only: rows a month old are pruned as forecasts arrive.
create index forecast_window_end on forecast_window (window_end);
create index told_window_told_at on told_window (told_at);
