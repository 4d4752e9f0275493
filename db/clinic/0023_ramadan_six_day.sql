-- Ramadan hours differ for 5-day and 6-day weekly schedules (a schedule that works on Saturday is a 6-day one):
-- 5-day: Mon–Thu start_time–end_time, Fri until friday_end (as before);
-- 6-day: Mon–Thu and Sat six_start–six_end, Fri until six_friday_end (default 08:00–14:00, Friday 14:30).
-- 1 Syawal 1447 H is 21 March 2026, so Ramadan 1447 runs 19 February – 20 March 2026.
ALTER TABLE ramadan_periods ADD COLUMN six_start TEXT NOT NULL DEFAULT '08:00' CHECK (six_start GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE ramadan_periods ADD COLUMN six_end TEXT NOT NULL DEFAULT '14:00' CHECK (six_end GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE ramadan_periods ADD COLUMN six_friday_end TEXT NOT NULL DEFAULT '14:30' CHECK (six_friday_end GLOB '[0-2][0-9]:[0-5][0-9]');

UPDATE ramadan_periods SET end_date = '2026-03-20' WHERE start_date = '2026-02-19' AND end_date = '2026-03-19';
