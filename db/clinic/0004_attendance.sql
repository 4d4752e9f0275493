-- Staff attendance (absensi): staff registry, work schedules per unit, holidays, Ramadan hours,
-- clock punches (kiosk and fingerprint-machine imports), import batches and absences entered by the head.
-- Times of day are local wall-clock 'HH:mm' at the puskesmas; punches are UTC instants.

-- A work schedule is a cycle of days: cycle_days = 7 is a weekly pattern (day_index 0 = Monday .. 6 = Sunday);
-- any other length is a shift rotation counted from anchor_date (day_index = days since anchor, modulo cycle_days,
-- shifted by the employee's rotation_offset). A day without a row is a day off. end_time <= start_time means the
-- duty ends the next day (a night shift crossing midnight).
CREATE TABLE work_schedules (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE CHECK (length(name) >= 1),
    cycle_days        INTEGER NOT NULL CHECK (cycle_days BETWEEN 1 AND 28),
    anchor_date       TEXT NOT NULL DEFAULT '2026-01-05' CHECK (anchor_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    observes_holidays INTEGER NOT NULL DEFAULT 1 CHECK (observes_holidays IN (0, 1)),
    ramadan_hours     INTEGER NOT NULL DEFAULT 1 CHECK (ramadan_hours IN (0, 1))
);

CREATE TABLE work_schedule_days (
    schedule_id INTEGER NOT NULL REFERENCES work_schedules (id) ON DELETE CASCADE,
    day_index   INTEGER NOT NULL CHECK (day_index >= 0),
    label       TEXT,
    start_time  TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time    TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    PRIMARY KEY (schedule_id, day_index)
);

INSERT INTO work_schedules (id, name, cycle_days, observes_holidays, ramadan_hours) VALUES
    (1, 'Reguler 5 hari', 7, 1, 1),
    (2, 'Reguler 6 hari', 7, 1, 1),
    (3, 'Shift 24 jam (pagi-siang-malam-libur-libur)', 5, 0, 0);

INSERT INTO work_schedule_days (schedule_id, day_index, label, start_time, end_time) VALUES
    (1, 0, NULL, '07:30', '16:00'), (1, 1, NULL, '07:30', '16:00'), (1, 2, NULL, '07:30', '16:00'),
    (1, 3, NULL, '07:30', '16:00'), (1, 4, NULL, '07:30', '16:30'),
    (2, 0, NULL, '07:30', '14:30'), (2, 1, NULL, '07:30', '14:30'), (2, 2, NULL, '07:30', '14:30'),
    (2, 3, NULL, '07:30', '14:30'), (2, 4, NULL, '07:30', '11:30'), (2, 5, NULL, '07:30', '13:00'),
    (3, 0, 'Pagi', '07:00', '14:00'), (3, 1, 'Siang', '14:00', '21:00'), (3, 2, 'Malam', '21:00', '07:00');

-- Units (unit kerja) and the schedule their staff follow unless an employee has one of their own.
CREATE TABLE staff_units (
    name        TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 60),
    schedule_id INTEGER NOT NULL REFERENCES work_schedules (id),
    sort_order  INTEGER NOT NULL DEFAULT 0
);

INSERT INTO staff_units (name, schedule_id, sort_order) VALUES
    ('Umum', 1, 1), ('Gigi', 1, 2), ('KIA', 1, 3), ('Farmasi', 1, 4), ('Laboratorium', 1, 5),
    ('UGD', 3, 6), ('Administrasi', 1, 7);

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    nip             TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*')),
    name            TEXT NOT NULL CHECK (length(name) >= 1),
    position        TEXT NOT NULL,                 -- jabatan / profesi
    unit            TEXT NOT NULL REFERENCES staff_units (name) ON UPDATE CASCADE,
    machine_id      TEXT,                          -- the employee id on the fingerprint machine
    schedule_id     INTEGER REFERENCES work_schedules (id),   -- NULL: the unit's schedule
    rotation_offset INTEGER NOT NULL DEFAULT 0 CHECK (rotation_offset >= 0),
    active_from     TEXT NOT NULL CHECK (active_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    active_to       TEXT CHECK (active_to IS NULL OR active_to >= active_from),
    pin_hash        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_staff_nip ON staff (nip) WHERE nip IS NOT NULL;
CREATE UNIQUE INDEX ux_staff_machine_id ON staff (machine_id) WHERE machine_id IS NOT NULL;

-- National holidays (libur nasional) and cuti bersama; editable by the head.
CREATE TABLE holidays (
    date TEXT PRIMARY KEY CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('nasional', 'cuti_bersama', 'lokal'))
);

-- 2026 per the SKB 3 Menteri (libur nasional and cuti bersama). Check each year's decree and edit as needed.
INSERT INTO holidays (date, name, kind) VALUES
    ('2026-01-01', 'Tahun Baru 2026 Masehi', 'nasional'),
    ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', 'nasional'),
    ('2026-02-16', 'Cuti bersama Tahun Baru Imlek', 'cuti_bersama'),
    ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'nasional'),
    ('2026-03-18', 'Cuti bersama Hari Suci Nyepi', 'cuti_bersama'),
    ('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', 'nasional'),
    ('2026-03-20', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-03-21', 'Hari Raya Idul Fitri 1447 H', 'nasional'),
    ('2026-03-22', 'Hari Raya Idul Fitri 1447 H', 'nasional'),
    ('2026-03-23', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-03-24', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-04-03', 'Wafat Yesus Kristus', 'nasional'),
    ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'nasional'),
    ('2026-05-01', 'Hari Buruh Internasional', 'nasional'),
    ('2026-05-14', 'Kenaikan Yesus Kristus', 'nasional'),
    ('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti_bersama'),
    ('2026-05-27', 'Hari Raya Idul Adha 1447 H', 'nasional'),
    ('2026-05-28', 'Cuti bersama Idul Adha 1447 H', 'cuti_bersama'),
    ('2026-05-31', 'Hari Raya Waisak 2570 BE', 'nasional'),
    ('2026-06-01', 'Hari Lahir Pancasila', 'nasional'),
    ('2026-06-16', 'Tahun Baru Islam 1448 H', 'nasional'),
    ('2026-08-17', 'Hari Kemerdekaan Republik Indonesia', 'nasional'),
    ('2026-08-25', 'Maulid Nabi Muhammad SAW', 'nasional'),
    ('2026-12-24', 'Cuti bersama Hari Raya Natal', 'cuti_bersama'),
    ('2026-12-25', 'Hari Raya Natal', 'nasional');

-- Ramadan working hours: within the date range, weekly schedules with ramadan_hours = 1 use these hours on
-- their working days (Friday its own end time).
CREATE TABLE ramadan_periods (
    id          INTEGER PRIMARY KEY,
    start_date  TEXT NOT NULL CHECK (start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_date    TEXT NOT NULL CHECK (end_date >= start_date),
    start_time  TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time    TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    friday_end  TEXT NOT NULL CHECK (friday_end GLOB '[0-2][0-9]:[0-5][0-9]')
);

INSERT INTO ramadan_periods (start_date, end_date, start_time, end_time, friday_end) VALUES
    ('2026-02-19', '2026-03-19', '08:00', '15:00', '15:30');

CREATE TABLE attendance_imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    lines       INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    rejected    INTEGER NOT NULL
);
CREATE INDEX ix_attendance_imports_sha ON attendance_imports (sha256);

-- Raw clock events. Unique per employee and instant (to the second), so a re-imported log adds nothing.
CREATE TABLE attendance_punches (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    punched_at TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('kiosk', 'import')),
    import_id  INTEGER REFERENCES attendance_imports (id),
    UNIQUE (staff_id, punched_at)
);
CREATE INDEX ix_attendance_punches_time ON attendance_punches (punched_at);

-- Absences entered by the head: S sakit, I izin, C cuti (with its type), DL dinas luar, TB tugas belajar.
CREATE TABLE staff_absences (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    code       TEXT NOT NULL CHECK (code IN ('S', 'I', 'C', 'DL', 'TB')),
    leave_type TEXT CHECK ((code = 'C') = (leave_type IS NOT NULL)),
    from_date  TEXT NOT NULL CHECK (from_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    to_date    TEXT NOT NULL CHECK (to_date >= from_date),
    note       TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX ix_staff_absences_staff ON staff_absences (staff_id, from_date);
