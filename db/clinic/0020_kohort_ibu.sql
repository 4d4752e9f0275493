-- Kohort ibu: antenatal care is counted per pregnancy (Buku KIA 2020, PMK 21/2021).
--
-- A pregnancy is one episode of the kohort ibu: from the first antenatal contact to the delivery (or another end).
-- It is dated by the HPHT (lmp) or by a gestational age in weeks known on a date (dated_week on dated_on, usually the
-- first contact); the gestational week of every contact follows from that date. An undated pregnancy is "data belum
-- lengkap": it counts for K1 akses only until the bidan completes it.
CREATE TABLE kia_pregnancies (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    lmp         TEXT CHECK (lmp IS NULL OR lmp GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    dated_week  INTEGER CHECK (dated_week IS NULL OR dated_week BETWEEN 1 AND 45),
    dated_on    TEXT CHECK (dated_on IS NULL OR dated_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    gravida     INTEGER CHECK (gravida IS NULL OR gravida BETWEEN 1 AND 20),
    para        INTEGER CHECK (para IS NULL OR para BETWEEN 0 AND 20),
    abortus     INTEGER CHECK (abortus IS NULL OR abortus BETWEEN 0 AND 20),
    risk_flags  TEXT CHECK (risk_flags IS NULL OR length(risk_flags) <= 300),
    ended_on    TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_kind    TEXT CHECK (end_kind IS NULL OR end_kind IN ('persalinan', 'keguguran', 'lainnya')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL CHECK (length(created_by) <= 100),
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    voided_by   TEXT CHECK (voided_by IS NULL OR length(voided_by) <= 100),
    void_reason TEXT CHECK (void_reason IS NULL OR length(void_reason) <= 500),
    CHECK ((dated_week IS NULL) = (dated_on IS NULL)),
    CHECK ((ended_on IS NULL) = (end_kind IS NULL)),
    CHECK (gravida IS NULL OR COALESCE(para, 0) + COALESCE(abortus, 0) < gravida)
);
CREATE INDEX ix_kia_pregnancies_patient ON kia_pregnancies (patient_id);

-- Antenatal contacts, now one row per visit of a pregnancy: who gave the contact (doctor or midwife; K6 needs a
-- doctor in trimester 1 and 3) and the kohort ibu measurements. The contact's ordinal and gestational week are
-- derived from the pregnancy, no longer typed. recorded_week keeps the week typed before this migration.
CREATE TABLE kia_antenatal_contacts (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    pregnancy_id    INTEGER NOT NULL REFERENCES kia_pregnancies (id),
    given_by        TEXT NOT NULL CHECK (given_by IN ('dokter', 'bidan')),
    muac            REAL CHECK (muac IS NULL OR muac BETWEEN 10 AND 50),                 -- LILA, cm
    hb              REAL CHECK (hb IS NULL OR hb BETWEEN 3 AND 20),                      -- g/dL
    fundal_height   REAL CHECK (fundal_height IS NULL OR fundal_height BETWEEN 5 AND 50),  -- TFU, cm
    fetal_heart     INTEGER CHECK (fetal_heart IS NULL OR fetal_heart BETWEEN 60 AND 220), -- DJJ, per minute
    presentation    TEXT CHECK (presentation IS NULL OR presentation IN ('kepala', 'bokong', 'lintang', 'belum')),
    td_status       TEXT CHECK (td_status IS NULL OR td_status IN ('T0', 'T1', 'T2', 'T3', 'T4', 'T5')),
    recorded_week   INTEGER CHECK (recorded_week IS NULL OR recorded_week BETWEEN 1 AND 45),
    voided_at       TEXT,
    voided_by       TEXT CHECK (voided_by IS NULL OR length(voided_by) <= 100),
    void_reason     TEXT CHECK (void_reason IS NULL OR length(void_reason) <= 500)
);
CREATE INDEX ix_kia_antenatal_contacts_pregnancy ON kia_antenatal_contacts (pregnancy_id);
CREATE INDEX ix_kia_antenatal_contacts_patient ON kia_antenatal_contacts (patient_id);

-- Existing contacts become pregnancies: per woman in arrival order, a new pregnancy starts at her first contact, at a
-- contact numbered 1, after a delivery, or after more than 200 days without a contact. The pregnancy is dated by the
-- gestational week typed at its first contact.
CREATE TEMP TABLE _anc AS
WITH c AS (
    SELECT a.id, a.visit_id, a.patient_id, a.gestational_week, a.visit_number, a.risk_flags, a.voided_at, a.voided_by, a.void_reason,
           v.visit_date, v.arrived_at,
           LAG(v.visit_date) OVER (PARTITION BY a.patient_id ORDER BY v.arrived_at, a.id) AS prev_date
    FROM kia_antenatal a
    JOIN visits v ON v.id = a.visit_id
),
s AS (
    SELECT c.*,
           CASE WHEN c.prev_date IS NULL OR c.visit_number = 1
                  OR julianday(c.visit_date) - julianday(c.prev_date) > 200
                  OR EXISTS (SELECT 1 FROM kia_deliveries d
                             WHERE d.patient_id = c.patient_id AND d.voided_at IS NULL
                               AND d.delivery_date >= c.prev_date AND d.delivery_date < c.visit_date)
                THEN 1 ELSE 0 END AS starts
    FROM c
),
g AS (
    SELECT s.*, SUM(s.starts) OVER (PARTITION BY s.patient_id ORDER BY s.arrived_at, s.id ROWS UNBOUNDED PRECEDING) AS seq
    FROM s
)
SELECT g.*, DENSE_RANK() OVER (ORDER BY g.patient_id, g.seq) AS pregnancy_id,
       ROW_NUMBER() OVER (PARTITION BY g.patient_id, g.seq ORDER BY g.arrived_at, g.id) AS ordinal
FROM g;

INSERT INTO kia_pregnancies (id, patient_id, dated_week, dated_on, risk_flags, created_at, created_by, updated_at)
SELECT f.pregnancy_id, f.patient_id, f.gestational_week, f.visit_date,
       (SELECT group_concat(DISTINCT x.risk_flags) FROM _anc x WHERE x.pregnancy_id = f.pregnancy_id AND x.risk_flags IS NOT NULL AND x.voided_at IS NULL),
       f.arrived_at, 'migrasi', f.arrived_at
FROM _anc f
WHERE f.ordinal = 1;

INSERT INTO kia_antenatal_contacts (id, visit_id, patient_id, pregnancy_id, given_by, recorded_week, voided_at, voided_by, void_reason)
SELECT id, visit_id, patient_id, pregnancy_id, 'bidan', gestational_week, voided_at, voided_by, void_reason
FROM _anc;

DROP TABLE _anc;
DROP TABLE kia_antenatal;

-- Deliveries: the helper (Pn = a health worker) and the place (PF = a health facility); each belongs to a pregnancy.
ALTER TABLE kia_deliveries ADD COLUMN helper TEXT CHECK (helper IS NULL OR helper IN ('dokter', 'bidan', 'perawat', 'dukun', 'keluarga', 'lainnya'));
ALTER TABLE kia_deliveries ADD COLUMN pregnancy_id INTEGER REFERENCES kia_pregnancies (id);

UPDATE kia_deliveries
SET pregnancy_id = (SELECT p.id FROM kia_pregnancies p
                    WHERE p.patient_id = kia_deliveries.patient_id AND p.dated_on <= kia_deliveries.delivery_date
                    ORDER BY p.dated_on DESC, p.id DESC LIMIT 1);

UPDATE kia_pregnancies
SET ended_on = (SELECT MIN(d.delivery_date) FROM kia_deliveries d WHERE d.pregnancy_id = kia_pregnancies.id AND d.voided_at IS NULL),
    end_kind = 'persalinan'
WHERE EXISTS (SELECT 1 FROM kia_deliveries d WHERE d.pregnancy_id = kia_pregnancies.id AND d.voided_at IS NULL);
