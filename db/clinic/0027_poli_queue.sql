-- Poli short names (typing chooses a poli at the desk) and queue letters (U-015, G-003, A-015).

ALTER TABLE poli ADD COLUMN short_name TEXT CHECK (short_name IS NULL OR length(short_name) BETWEEN 1 AND 20);
ALTER TABLE poli ADD COLUMN letter TEXT
    CHECK (letter IS NULL OR (length(letter) BETWEEN 1 AND 2 AND letter NOT GLOB '*[^A-Z]*'));

UPDATE poli SET short_name = 'Umum',   letter = 'U' WHERE code = 'umum';
UPDATE poli SET short_name = 'Gigi',   letter = 'G' WHERE code = 'gigi';
UPDATE poli SET short_name = 'KIA/KB', letter = 'K' WHERE code = 'kia';
UPDATE poli SET short_name = 'Anak',   letter = 'A' WHERE code = 'anak';
UPDATE poli SET short_name = 'Lansia', letter = 'L' WHERE code = 'lansia';
UPDATE poli SET short_name = 'UGD',    letter = 'D' WHERE code = 'ugd';
UPDATE poli SET short_name = 'Lab',    letter = 'B' WHERE code = 'lab';

-- Poli added by an admin before this migration: the name without "Poli " as short name; letters are given by the service.
UPDATE poli SET short_name = substr(trim(CASE WHEN name LIKE 'Poli %' THEN substr(name, 6) ELSE name END), 1, 20)
WHERE short_name IS NULL;

CREATE UNIQUE INDEX ux_poli_letter ON poli (letter) WHERE letter IS NOT NULL;

-- Calls of a patient to the poli (the clinician calls the next patient, or repeats a call): the waiting-room screen
-- shows and speaks each new call.
CREATE TABLE queue_calls (
    id        INTEGER PRIMARY KEY,
    visit_id  INTEGER NOT NULL REFERENCES visits (id),
    called_at TEXT NOT NULL,
    called_by TEXT NOT NULL CHECK (length(called_by) BETWEEN 1 AND 40),
    repeated  INTEGER NOT NULL DEFAULT 0 CHECK (repeated IN (0, 1))
);
CREATE INDEX ix_queue_calls_visit ON queue_calls (visit_id);
