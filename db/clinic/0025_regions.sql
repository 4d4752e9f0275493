-- The Kemendagri region list (db/reference/wilayah.csv): province, kab/kota, kecamatan, desa/kelurahan with their names.
-- Filled from the embedded CSV at first start (RegionDirectory.EnsureLoaded); codes are kept with their dots.

CREATE TABLE regions (
    code   TEXT PRIMARY KEY CHECK (length(code) IN (2, 5, 8, 13)),
    name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    level  INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    parent TEXT CHECK (parent IS NULL OR length(parent) IN (2, 5, 8))
) WITHOUT ROWID;


