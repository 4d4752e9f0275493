-- Who opened which patient's clinical record, and when (issue 14.9; UU 27/2022 on personal data protection).
-- One row per opening: the history page, an examination, a KIA record, the corrections trail. Rows are never changed.

CREATE TABLE record_access (
    id         INTEGER PRIMARY KEY,
    opened_at  TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    part       TEXT NOT NULL CHECK (length(part) BETWEEN 1 AND 30)
);

CREATE INDEX record_access_by_patient ON record_access (patient_id, opened_at);
CREATE INDEX record_access_by_user ON record_access (user_id, opened_at);
