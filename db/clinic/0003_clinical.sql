-- Clinical records at the poli: catalogues (ICD-10, drugs), examinations, diagnoses, procedures, prescriptions,
-- referrals, and KIA records. Clinical rows are never deleted: a mistaken row is voided (who, when, why).

CREATE TABLE icd10 (
    code     TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][0-9][0-9]*'),   -- e.g. J06.9, I10
    name_id  TEXT NOT NULL,                                          -- Indonesian name
    name_en  TEXT,
    category TEXT NOT NULL,                                          -- 3-character category, e.g. J06
    common   INTEGER NOT NULL DEFAULT 0 CHECK (common IN (0, 1)),    -- in the puskesmas short list
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX ix_icd10_category ON icd10 (category);

CREATE TABLE drugs (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,            -- tablet, kapsul, botol, tube, ampul ...
    form       TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at TEXT NOT NULL
);

-- One examination record per visit (anamnesis, vital signs, physical examination, outcome).
CREATE TABLE examinations (
    visit_id         INTEGER PRIMARY KEY REFERENCES visits (id),
    complaint        TEXT,
    history          TEXT,
    systolic         INTEGER CHECK (systolic IS NULL OR systolic BETWEEN 40 AND 300),
    diastolic        INTEGER CHECK (diastolic IS NULL OR diastolic BETWEEN 20 AND 200),
    pulse            INTEGER CHECK (pulse IS NULL OR pulse BETWEEN 20 AND 250),
    respiration      INTEGER CHECK (respiration IS NULL OR respiration BETWEEN 4 AND 80),
    temperature      REAL CHECK (temperature IS NULL OR temperature BETWEEN 30 AND 45),
    weight           REAL CHECK (weight IS NULL OR weight BETWEEN 0.3 AND 300),
    height           REAL CHECK (height IS NULL OR height BETWEEN 20 AND 250),
    physical_exam    TEXT,
    outcome          TEXT,                -- e.g. pulang, rujuk, rawat inap, meninggal
    clinician        TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Diagnoses: ICD-10, one primary per visit, each Baru / Lama / KKL (KKL counts as lama in LB1).
CREATE TABLE diagnoses (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    code        TEXT NOT NULL REFERENCES icd10 (code),
    is_primary  INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    case_type   TEXT NOT NULL CHECK (case_type IN ('baru', 'lama', 'kkl')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX ix_diagnoses_visit ON diagnoses (visit_id);
CREATE INDEX ix_diagnoses_code ON diagnoses (code);
CREATE UNIQUE INDEX ux_diagnoses_primary ON diagnoses (visit_id) WHERE is_primary = 1 AND voided_at IS NULL;

CREATE TABLE procedures (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    name        TEXT NOT NULL,
    code        TEXT,                     -- ICD-9-CM when known
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);
CREATE INDEX ix_procedures_visit ON procedures (visit_id);

CREATE TABLE prescriptions (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    drug_code   TEXT NOT NULL REFERENCES drugs (code),
    dose        TEXT NOT NULL,            -- e.g. 3x1
    quantity    REAL NOT NULL CHECK (quantity > 0),
    days        INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);
CREATE INDEX ix_prescriptions_visit ON prescriptions (visit_id);

-- Referral out (rujukan): at most one live referral per visit.
CREATE TABLE referrals (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    destination TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);
CREATE UNIQUE INDEX ux_referrals_visit ON referrals (visit_id) WHERE voided_at IS NULL;

-- Audit of corrections to clinical records after a visit is finished: who, when, old -> new.
CREATE TABLE clinical_audit (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    entity     TEXT NOT NULL,             -- examination, diagnosis, procedure, prescription, referral, kia
    entity_id  INTEGER,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX ix_clinical_audit_visit ON clinical_audit (visit_id);

-- KIA: antenatal care. visit_number is the ordinal of this contact in the pregnancy (1 = K1, 4 = K4, 6 = K6).
CREATE TABLE kia_antenatal (
    id               INTEGER PRIMARY KEY,
    visit_id         INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    patient_id       INTEGER NOT NULL REFERENCES patients (id),
    gestational_week INTEGER NOT NULL CHECK (gestational_week BETWEEN 1 AND 45),
    visit_number     INTEGER NOT NULL CHECK (visit_number BETWEEN 1 AND 20),
    risk_flags       TEXT,                -- comma-separated: anemia, hipertensi, kek, usia_risiko, jarak_dekat ...
    voided_at        TEXT,
    voided_by        TEXT,
    void_reason      TEXT
);
CREATE INDEX ix_kia_antenatal_patient ON kia_antenatal (patient_id);

-- Deliveries (persalinan); by_health_worker = attended by a health worker (Pn).
CREATE TABLE kia_deliveries (
    id               INTEGER PRIMARY KEY,
    visit_id         INTEGER REFERENCES visits (id),
    patient_id       INTEGER NOT NULL REFERENCES patients (id),
    delivery_date    TEXT NOT NULL,
    place            TEXT NOT NULL,       -- puskesmas, rumah_sakit, pmb, rumah, lainnya
    by_health_worker INTEGER NOT NULL CHECK (by_health_worker IN (0, 1)),
    voided_at        TEXT,
    voided_by        TEXT,
    void_reason      TEXT
);
CREATE INDEX ix_kia_deliveries_patient ON kia_deliveries (patient_id);

-- Postnatal visits of the mother: KF1..KF4.
CREATE TABLE kia_postnatal (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    kf_number   INTEGER NOT NULL CHECK (kf_number BETWEEN 1 AND 4),
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);

-- Neonatal visits of the baby: KN1 (6–48 h), KN2 (3–7 d), KN3 (8–28 d).
CREATE TABLE kia_neonatal (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    kn_number   INTEGER NOT NULL CHECK (kn_number BETWEEN 1 AND 3),
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);

-- Immunisations given: antigen (HB0, BCG, POLIO, DPT-HB-HIB, IPV, CAMPAK-RUBELLA ...) and dose number.
CREATE TABLE kia_immunizations (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    antigen     TEXT NOT NULL,
    dose        INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 5),
    given_date  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);
CREATE INDEX ix_kia_immunizations_patient ON kia_immunizations (patient_id, antigen);

-- Child weight and height (balita ditimbang, D).
CREATE TABLE kia_growth (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    weight      REAL NOT NULL CHECK (weight BETWEEN 0.3 AND 60),
    height      REAL CHECK (height IS NULL OR height BETWEEN 20 AND 150),
    voided_at   TEXT,
    voided_by   TEXT,
    void_reason TEXT
);
