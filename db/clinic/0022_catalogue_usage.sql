-- How often this puskesmas used each ICD-10 code and each drug: the diagnosis and drug searches rank what is used most
-- first. Kept up to date by triggers as diagnoses and prescriptions are recorded or voided.
CREATE TABLE catalogue_usage (
    kind TEXT NOT NULL CHECK (kind IN ('icd10', 'drug')),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    PRIMARY KEY (kind, code)
) WITHOUT ROWID;

INSERT INTO catalogue_usage (kind, code, uses)
SELECT 'icd10', code, COUNT(*) FROM diagnoses WHERE voided_at IS NULL GROUP BY code;
INSERT INTO catalogue_usage (kind, code, uses)
SELECT 'drug', drug_code, COUNT(*) FROM prescriptions WHERE voided_at IS NULL GROUP BY drug_code;

CREATE TRIGGER tr_diagnoses_usage_insert AFTER INSERT ON diagnoses WHEN NEW.voided_at IS NULL
BEGIN
    INSERT INTO catalogue_usage (kind, code, uses) VALUES ('icd10', NEW.code, 1)
    ON CONFLICT (kind, code) DO UPDATE SET uses = uses + 1;
END;

CREATE TRIGGER tr_diagnoses_usage_void AFTER UPDATE OF voided_at ON diagnoses
WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
BEGIN
    UPDATE catalogue_usage SET uses = MAX(0, uses - 1) WHERE kind = 'icd10' AND code = NEW.code;
END;

CREATE TRIGGER tr_prescriptions_usage_insert AFTER INSERT ON prescriptions WHEN NEW.voided_at IS NULL
BEGIN
    INSERT INTO catalogue_usage (kind, code, uses) VALUES ('drug', NEW.drug_code, 1)
    ON CONFLICT (kind, code) DO UPDATE SET uses = uses + 1;
END;

CREATE TRIGGER tr_prescriptions_usage_void AFTER UPDATE OF voided_at ON prescriptions
WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
BEGIN
    UPDATE catalogue_usage SET uses = MAX(0, uses - 1) WHERE kind = 'drug' AND code = NEW.drug_code;
END;
