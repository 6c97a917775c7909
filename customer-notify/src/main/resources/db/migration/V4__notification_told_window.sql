-- The window a window text tells the customer, carried by its NotificationSent so that other services keep the
-- told window without resolving the forecast version themselves. Null for kinds that tell no window.
alter table notification
    add column window_start timestamptz,
    add column window_end   timestamptz;
