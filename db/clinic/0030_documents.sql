-- Printed documents: numbered letters (surat rujukan, surat keterangan sakit, surat keterangan sehat) with the content
-- snapshot taken when issued (a reprint shows the same number and text), one number sequence per kind and year,
-- and the print log (who printed which document when).

CREATE TABLE letter_sequences (
    kind     TEXT NOT NULL CHECK (kind IN ('rujukan', 'sakit', 'sehat')),
    year     INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    last_seq INTEGER NOT NULL CHECK (last_seq >= 1),
    PRIMARY KEY (kind, year)
);

CREATE TABLE letters (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('rujukan', 'sakit', 'sehat')),
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    number     TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 120),
    visit_id   INTEGER NOT NULL REFERENCES visits (id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    content    TEXT NOT NULL CHECK (length(content) BETWEEN 2 AND 60000),   -- JSON snapshot of everything printed
    issued_at  TEXT NOT NULL,
    issued_by  TEXT NOT NULL CHECK (length(issued_by) BETWEEN 1 AND 40),
    UNIQUE (kind, year, seq)
);
CREATE INDEX ix_letters_visit ON letters (visit_id);
CREATE INDEX ix_letters_patient ON letters (patient_id);

CREATE TABLE print_log (
    id         INTEGER PRIMARY KEY,
    printed_at TEXT NOT NULL,
    printed_by TEXT NOT NULL CHECK (length(printed_by) BETWEEN 1 AND 40),
    document   TEXT NOT NULL CHECK (document IN ('kartu', 'resep', 'rujukan', 'sakit', 'sehat')),
    patient_id INTEGER REFERENCES patients (id),
    visit_id   INTEGER REFERENCES visits (id),
    letter_id  INTEGER REFERENCES letters (id)
);
CREATE INDEX ix_print_log_at ON print_log (printed_at);
