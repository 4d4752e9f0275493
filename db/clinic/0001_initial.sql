-- Puskesmas settings, units (poli), payers and users.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE poli (
    code       TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND length(code) BETWEEN 2 AND 20),
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

INSERT INTO poli (code, name, sort_order) VALUES
    ('umum',   'Poli Umum',      1),
    ('gigi',   'Poli Gigi',      2),
    ('kia',    'Poli KIA/KB',    3),
    ('anak',   'Poli Anak/MTBS', 4),
    ('lansia', 'Poli Lansia',    5),
    ('ugd',    'UGD',            6),
    ('lab',    'Laboratorium',   7);

CREATE TABLE payers (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    is_poor    INTEGER NOT NULL DEFAULT 0 CHECK (is_poor IN (0, 1)),
    sort_order INTEGER NOT NULL
);

INSERT INTO payers (code, name, is_poor, sort_order) VALUES
    ('umum',         'Umum (bayar)',   0, 1),
    ('bpjs-pbi',     'BPJS PBI',       1, 2),
    ('bpjs-non-pbi', 'BPJS Non-PBI',   0, 3),
    ('jamkesda',     'Jamkesda/SKTM',  1, 4),
    ('gratis',       'Gratis',         0, 5);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'pendaftaran', 'klinisi', 'kepala')),
    poli          TEXT REFERENCES poli (code),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
