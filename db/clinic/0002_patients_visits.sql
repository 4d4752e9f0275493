-- Patients in family folders, their change history, visits and visit status history.

CREATE TABLE families (
    id          INTEGER PRIMARY KEY,            -- the family number in the No. RM
    next_member INTEGER NOT NULL DEFAULT 1 CHECK (next_member >= 1),
    created_at  TEXT NOT NULL
);

CREATE TABLE patients (
    id                   INTEGER PRIMARY KEY,
    rm                   TEXT NOT NULL UNIQUE,
    family_id            INTEGER NOT NULL REFERENCES families (id),
    member_no            INTEGER NOT NULL CHECK (member_no >= 1),
    relation             TEXT NOT NULL CHECK (relation IN ('kepala', 'istri', 'suami', 'anak', 'orangtua', 'lainnya')),
    nik                  TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
    bpjs_number          TEXT CHECK (bpjs_number IS NULL OR (length(bpjs_number) = 13 AND bpjs_number NOT GLOB '*[^0-9]*')),
    name                 TEXT NOT NULL CHECK (length(name) >= 1),
    sex                  TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    birth_date           TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    birth_date_estimated INTEGER NOT NULL DEFAULT 0 CHECK (birth_date_estimated IN (0, 1)),
    address              TEXT,
    region_code          TEXT,
    rt                   TEXT,
    rw                   TEXT,
    phone                TEXT,
    default_payer        TEXT NOT NULL DEFAULT 'umum' REFERENCES payers (code),
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    voided_at            TEXT,
    voided_by            TEXT,
    void_reason          TEXT,
    UNIQUE (family_id, member_no),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);

CREATE UNIQUE INDEX ux_patients_nik ON patients (nik) WHERE nik IS NOT NULL AND voided_at IS NULL;
CREATE UNIQUE INDEX ux_patients_bpjs ON patients (bpjs_number) WHERE bpjs_number IS NOT NULL AND voided_at IS NULL;

-- Every change to a patient: who, when, which field, old -> new. Creation and voiding are entries too.
CREATE TABLE patient_history (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX ix_patient_history_patient ON patient_history (patient_id, id);

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients (id),
    poli          TEXT NOT NULL REFERENCES poli (code),
    payer         TEXT NOT NULL REFERENCES payers (code),
    complaint     TEXT,
    visit_date    TEXT NOT NULL,                 -- local date at the puskesmas of arrived_at
    queue_number  INTEGER NOT NULL CHECK (queue_number >= 1),
    status        TEXT NOT NULL CHECK (status IN ('arrived', 'in-progress', 'finished', 'cancelled')),
    arrived_at    TEXT NOT NULL,                 -- UTC
    started_at    TEXT,
    finished_at   TEXT,
    cancelled_at  TEXT,
    cancel_reason TEXT,
    back_entered  INTEGER NOT NULL DEFAULT 0 CHECK (back_entered IN (0, 1)),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    UNIQUE (visit_date, poli, queue_number)
);

-- One open visit per patient per poli per day.
CREATE UNIQUE INDEX ux_visits_open ON visits (patient_id, poli, visit_date) WHERE status IN ('arrived', 'in-progress');
CREATE INDEX ix_visits_patient ON visits (patient_id, arrived_at);
CREATE INDEX ix_visits_date ON visits (visit_date, poli);

CREATE TABLE visit_status_history (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits (id),
    status     TEXT NOT NULL CHECK (status IN ('arrived', 'in-progress', 'finished', 'cancelled')),
    at         TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX ix_visit_status_history_visit ON visit_status_history (visit_id);
