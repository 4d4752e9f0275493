-- The Dinas Kesehatan's database: users, the registry of puskesmas with their keys, every received package
-- revision with its values, and the DHIS2 code mapping.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'petugas')),
    poli          TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The key is the shared HMAC secret: the district must keep it to verify signatures (it is shown once, never returned again).
CREATE TABLE puskesmas (
    code          TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 20),
    name          TEXT NOT NULL,
    secret_key    TEXT NOT NULL CHECK (length(secret_key) = 64),
    org_unit      TEXT,                     -- DHIS2 organisation unit code; the puskesmas code when empty
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    registered_at TEXT NOT NULL,
    key_issued_at TEXT NOT NULL
);

CREATE TABLE packages (
    id             INTEGER PRIMARY KEY,
    puskesmas_code TEXT NOT NULL REFERENCES puskesmas (code),
    period         TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    schema_version INTEGER NOT NULL,
    generated_at   TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    received_via   TEXT NOT NULL CHECK (received_via IN ('api', 'upload')),
    received_by    TEXT,
    content_hash   TEXT NOT NULL,
    value_count    INTEGER NOT NULL,
    is_current     INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    file           TEXT NOT NULL,
    UNIQUE (puskesmas_code, period, revision)
);

CREATE UNIQUE INDEX packages_one_current ON packages (puskesmas_code, period) WHERE is_current = 1;
CREATE INDEX packages_period ON packages (period, is_current);

CREATE TABLE package_values (
    package_id     INTEGER NOT NULL REFERENCES packages (id),
    data_element   TEXT NOT NULL,
    disaggregation TEXT NOT NULL,           -- canonical 'name=value;name=value', names sorted
    value          REAL NOT NULL,
    PRIMARY KEY (package_id, data_element, disaggregation)
) WITHOUT ROWID;

-- Overrides of the default DHIS2 codes for one SIMPUS value (data element + disaggregation key; '*' = every disaggregation).
CREATE TABLE dhis2_mapping (
    data_element          TEXT NOT NULL,
    disaggregation        TEXT NOT NULL,
    dhis2_data_element    TEXT NOT NULL,    -- empty = do not export
    category_option_combo TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT NOT NULL,
    PRIMARY KEY (data_element, disaggregation)
);
