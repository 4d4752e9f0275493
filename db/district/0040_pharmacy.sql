-- Package schema 2 (issue 13): the drugs a package's LPLPO values name, so the district labels its recap per drug.

CREATE TABLE package_drugs (
    package_id   INTEGER NOT NULL REFERENCES packages (id),
    code         TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    unit         TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    fornas_class TEXT CHECK (fornas_class IS NULL OR length(fornas_class) BETWEEN 1 AND 120),
    PRIMARY KEY (package_id, code)
) WITHOUT ROWID;
