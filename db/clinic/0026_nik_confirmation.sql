-- A NIK whose date part disagrees with the recorded birth date or sex (Dukcapil corrected the birth date without
-- reissuing the NIK) is kept only when the desk confirmed it with a reason; the reason is also in patient_history.

ALTER TABLE patients ADD COLUMN nik_mismatch_reason TEXT
    CHECK (nik_mismatch_reason IS NULL OR length(nik_mismatch_reason) BETWEEN 1 AND 200);
