-- SATUSEHAT (issue 12): what was sent to the Ministry of Health's FHIR platform for each finished visit, the ids
-- SATUSEHAT gave to each resource (so a correction updates the same resources), the IHS ids of patients, clinicians
-- and poli locations, and the KFA code of each drug. Triggers mark a visit for sending when it is finished and again
-- whenever its clinical record changes afterwards, whoever writes (API, demo, command line).

CREATE TABLE satusehat_visits (
    visit_id        INTEGER PRIMARY KEY REFERENCES visits (id),
    status          TEXT NOT NULL CHECK (status IN ('menunggu', 'terkirim', 'ditahan', 'gagal')),
    pending         INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),   -- something not yet delivered
    change_seq      INTEGER NOT NULL DEFAULT 1 CHECK (change_seq >= 1),     -- raised by every change of the record
    sent_seq        INTEGER NOT NULL DEFAULT 0 CHECK (sent_seq >= 0),       -- the change_seq last delivered
    finished_at     TEXT NOT NULL,                                          -- order of sending (UTC)
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at TEXT,
    sent_at         TEXT,
    reason          TEXT CHECK (reason IS NULL OR length(reason) <= 60),    -- stable code of the last problem
    message         TEXT CHECK (message IS NULL OR length(message) <= 4000),-- what SATUSEHAT or the validator said
    updated_at      TEXT NOT NULL
);
CREATE INDEX ix_satusehat_visits_pending ON satusehat_visits (pending, finished_at, visit_id);
CREATE INDEX ix_satusehat_visits_status ON satusehat_visits (status);

-- The id SATUSEHAT gave to each resource of a visit; local_key names the row it came from (encounter,
-- condition:{diagnosis id}, observation:{loinc}, procedure:{id}, medication:{prescription id}, medicationrequest:{id}).
CREATE TABLE satusehat_resources (
    visit_id      INTEGER NOT NULL REFERENCES visits (id),
    local_key     TEXT NOT NULL CHECK (length(local_key) BETWEEN 1 AND 60),
    resource_type TEXT NOT NULL CHECK (length(resource_type) BETWEEN 1 AND 40),
    resource_id   TEXT NOT NULL CHECK (length(resource_id) BETWEEN 1 AND 64),
    PRIMARY KEY (visit_id, local_key)
);

-- A patient's IHS number, looked up once by NIK (or, for a newborn without NIK, by the mother's NIK).
CREATE TABLE satusehat_patients (
    patient_id INTEGER PRIMARY KEY REFERENCES patients (id),
    status     TEXT NOT NULL CHECK (status IN ('found', 'notFound', 'noNik')),
    nik        TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
    by_mother  INTEGER NOT NULL DEFAULT 0 CHECK (by_mother IN (0, 1)),
    ihs_id     TEXT CHECK (ihs_id IS NULL OR length(ihs_id) BETWEEN 1 AND 64),
    message    TEXT CHECK (message IS NULL OR length(message) <= 500),
    checked_at TEXT NOT NULL,
    CHECK ((status = 'found') = (ihs_id IS NOT NULL))
);

-- A clinician's IHS Practitioner id, looked up by the NIK on the user profile.
CREATE TABLE satusehat_practitioners (
    username   TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 40),
    status     TEXT NOT NULL CHECK (status IN ('found', 'notFound', 'noNik')),
    nik        TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
    ihs_id     TEXT CHECK (ihs_id IS NULL OR length(ihs_id) BETWEEN 1 AND 64),
    message    TEXT CHECK (message IS NULL OR length(message) <= 500),
    checked_at TEXT NOT NULL,
    CHECK ((status = 'found') = (ihs_id IS NOT NULL))
);

-- The SATUSEHAT Location of each poli (created once, part of the puskesmas Organization).
CREATE TABLE satusehat_locations (
    poli            TEXT PRIMARY KEY REFERENCES poli (code),
    organization_id TEXT NOT NULL CHECK (length(organization_id) BETWEEN 1 AND 64),
    location_id     TEXT NOT NULL CHECK (length(location_id) BETWEEN 1 AND 64),
    created_at      TEXT NOT NULL
);

-- KFA (Kamus Farmasi dan Alat Kesehatan) code per drug of the catalogue; shipped from db/reference/drugs-kfa.csv,
-- edited by the admin. A side table, so the drug catalogue's own columns stay untouched.
CREATE TABLE drug_kfa (
    drug_code   TEXT PRIMARY KEY CHECK (length(drug_code) BETWEEN 1 AND 20),
    kfa_code    TEXT NOT NULL CHECK (length(kfa_code) BETWEEN 1 AND 20 AND kfa_code NOT GLOB '*[^0-9A-Za-z]*'),
    kfa_display TEXT CHECK (kfa_display IS NULL OR length(kfa_display) <= 300),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL CHECK (length(updated_by) <= 40)
);

-- A visit finished (or entered already finished): queue it.
CREATE TRIGGER satusehat_visit_finished AFTER UPDATE OF status ON visits
WHEN NEW.status = 'finished' AND OLD.status <> 'finished'
BEGIN
    INSERT INTO satusehat_visits (visit_id, status, pending, change_seq, finished_at, updated_at)
    VALUES (NEW.id, 'menunggu', 1, 1, COALESCE(NEW.finished_at, NEW.arrived_at), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (visit_id) DO UPDATE SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = excluded.updated_at;
END;

CREATE TRIGGER satusehat_visit_inserted_finished AFTER INSERT ON visits
WHEN NEW.status = 'finished'
BEGIN
    INSERT OR IGNORE INTO satusehat_visits (visit_id, status, pending, change_seq, finished_at, updated_at)
    VALUES (NEW.id, 'menunggu', 1, 1, COALESCE(NEW.finished_at, NEW.arrived_at), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- A change to the clinical record of a visit already queued or sent: send it again (a correction updates).
CREATE TRIGGER satusehat_exam_inserted AFTER INSERT ON examinations BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_exam_updated AFTER UPDATE ON examinations BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_diagnosis_inserted AFTER INSERT ON diagnoses BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_diagnosis_updated AFTER UPDATE ON diagnoses BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_procedure_inserted AFTER INSERT ON procedures BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_procedure_updated AFTER UPDATE ON procedures BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_prescription_inserted AFTER INSERT ON prescriptions BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;
CREATE TRIGGER satusehat_prescription_updated AFTER UPDATE ON prescriptions BEGIN
    UPDATE satusehat_visits SET pending = 1, change_seq = change_seq + 1, status = 'menunggu',
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE visit_id = NEW.visit_id;
END;

-- The desk corrected a patient's NIK: forget the old IHS number and retry the visits held for it.
CREATE TRIGGER satusehat_patient_nik_changed AFTER UPDATE OF nik ON patients
WHEN COALESCE(OLD.nik, '') <> COALESCE(NEW.nik, '')
BEGIN
    DELETE FROM satusehat_patients WHERE patient_id = NEW.id;
    UPDATE satusehat_visits SET pending = 1, status = 'menunggu', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE status = 'ditahan' AND visit_id IN (SELECT id FROM visits WHERE patient_id = NEW.id);
END;
