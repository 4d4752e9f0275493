-- The pharmacy (issue 13): the farmasi role, Fornas class and minimum per drug, stock in batches with an append-only
-- ledger, receipts, adjustments, stock opname, dispensing of prescriptions and their hand-over.
-- Stock on hand = the ledger's sum. Each ledger row moves its batch's balance (trigger below), and the balance can
-- never go below zero (CHECK), so no write path, however it is coded, can make stock negative.

-- ---- the farmasi role: SQLite cannot alter a CHECK, so the users table is rebuilt ----
-- sessions and record_access reference users (id), so the rows are kept aside, the table is dropped and created again
-- under its own name, and the rows put back: with the foreign keys deferred, the sessions that lost their user on the
-- drop find it again on the insert, and the check at commit passes.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_before_0040 AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'pendaftaran', 'klinisi', 'kepala', 'farmasi')),
    poli          TEXT REFERENCES poli (code),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    nip           TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*')),
    sip           TEXT CHECK (sip IS NULL OR length(sip) BETWEEN 1 AND 60),
    nik           TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'))
);
INSERT INTO users (id, username, full_name, password_hash, role, poli, active, created_at, updated_at, nip, sip, nik)
    SELECT id, username, full_name, password_hash, role, poli, active, created_at, updated_at, nip, sip, nik FROM users_before_0040;
DROP TABLE users_before_0040;

-- ---- the catalogue: Fornas therapeutic class and an optional minimum stock (in the drug's unit) ----
ALTER TABLE drugs ADD COLUMN fornas_class TEXT CHECK (fornas_class IS NULL OR length(fornas_class) BETWEEN 1 AND 120);
ALTER TABLE drugs ADD COLUMN min_stock INTEGER CHECK (min_stock IS NULL OR min_stock BETWEEN 0 AND 10000000);

-- The shipped Fornas classes (db/reference/drug_fornas.csv) are applied once at start, after the catalogue is loaded.
INSERT INTO settings (key, value) VALUES ('farmasi.fornasSeed', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- ---- receipts (penerimaan) from the warehouse (IFK/GFK) or other sources ----
CREATE TABLE stock_receipts (
    id              INTEGER PRIMARY KEY,
    document_number TEXT NOT NULL CHECK (length(document_number) BETWEEN 1 AND 60),
    received_date   TEXT NOT NULL CHECK (received_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source          TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
    funding         TEXT NOT NULL CHECK (funding IN ('apbd', 'apbn', 'jkn', 'program', 'hibah', 'lainnya')),
    note            TEXT CHECK (note IS NULL OR length(note) <= 500),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL CHECK (length(created_by) <= 40),
    UNIQUE (source, document_number)
);
CREATE INDEX ix_stock_receipts_date ON stock_receipts (received_date);

-- A batch of one drug (nomor bets) with its expiry date and its balance. The balance is kept by the ledger trigger.
CREATE TABLE stock_batches (
    id           INTEGER PRIMARY KEY,
    drug_code    TEXT NOT NULL REFERENCES drugs (code),
    batch_number TEXT NOT NULL CHECK (length(batch_number) BETWEEN 1 AND 40),
    expiry_date  TEXT NOT NULL CHECK (expiry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    funding      TEXT NOT NULL CHECK (funding IN ('apbd', 'apbn', 'jkn', 'program', 'hibah', 'lainnya')),
    on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    created_at   TEXT NOT NULL,
    UNIQUE (drug_code, batch_number)
);
CREATE INDEX ix_stock_batches_fefo ON stock_batches (drug_code, expiry_date, id);
CREATE INDEX ix_stock_batches_expiry ON stock_batches (expiry_date) WHERE on_hand > 0;

CREATE TABLE stock_receipt_lines (
    id         INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES stock_receipts (id),
    batch_id   INTEGER NOT NULL REFERENCES stock_batches (id),
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000000)
);
CREATE INDEX ix_stock_receipt_lines_receipt ON stock_receipt_lines (receipt_id);

-- Stock leaving for a reason other than dispensing: expired, damaged, lost, returned to the warehouse.
CREATE TABLE stock_adjustments (
    id            INTEGER PRIMARY KEY,
    batch_id      INTEGER NOT NULL REFERENCES stock_batches (id),
    adjusted_date TEXT NOT NULL CHECK (adjusted_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason        TEXT NOT NULL CHECK (reason IN ('kedaluwarsa', 'rusak', 'hilang', 'dikembalikan')),
    quantity      INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000000),
    note          TEXT CHECK (note IS NULL OR length(note) <= 500),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL CHECK (length(created_by) <= 40)
);
CREATE INDEX ix_stock_adjustments_date ON stock_adjustments (adjusted_date);

-- Stock opname: a physical count per batch; the difference to the system balance is booked to the ledger.
CREATE TABLE stock_opnames (
    id          INTEGER PRIMARY KEY,
    opname_date TEXT NOT NULL CHECK (opname_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT CHECK (note IS NULL OR length(note) <= 500),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL CHECK (length(created_by) <= 40)
);

CREATE TABLE stock_opname_lines (
    id               INTEGER PRIMARY KEY,
    opname_id        INTEGER NOT NULL REFERENCES stock_opnames (id),
    batch_id         INTEGER NOT NULL REFERENCES stock_batches (id),
    system_quantity  INTEGER NOT NULL CHECK (system_quantity >= 0),
    counted_quantity INTEGER NOT NULL CHECK (counted_quantity BETWEEN 0 AND 10000000),
    UNIQUE (opname_id, batch_id)
);

-- Dispensing: one line per prescription line (the drug given may be a substitute; less than prescribed needs a reason;
-- quantity 0 = not given). A mistaken line is voided before hand-over and its stock goes back to its batches.
CREATE TABLE dispense_lines (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visits (id),
    prescription_id INTEGER NOT NULL REFERENCES prescriptions (id),
    drug_code       TEXT NOT NULL REFERENCES drugs (code),
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 0 AND 10000000),
    substitute      INTEGER NOT NULL DEFAULT 0 CHECK (substitute IN (0, 1)),
    reason          TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 3 AND 200),
    dispensed_date  TEXT NOT NULL CHECK (dispensed_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL CHECK (length(created_by) <= 40),
    voided_at       TEXT,
    voided_by       TEXT CHECK (voided_by IS NULL OR length(voided_by) <= 40),
    void_reason     TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 3 AND 200),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
    CHECK (substitute = 0 OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX ux_dispense_lines_prescription ON dispense_lines (prescription_id) WHERE voided_at IS NULL;
CREATE INDEX ix_dispense_lines_visit ON dispense_lines (visit_id);

-- The prescription handed over to the patient (all lines processed).
CREATE TABLE dispense_handovers (
    visit_id       INTEGER PRIMARY KEY REFERENCES visits (id),
    handed_over_at TEXT NOT NULL,
    handed_over_by TEXT NOT NULL CHECK (length(handed_over_by) <= 40)
);

-- ---- the ledger: every movement, signed (+ in, − out), append-only ----
CREATE TABLE stock_ledger (
    id              INTEGER PRIMARY KEY,
    batch_id        INTEGER NOT NULL REFERENCES stock_batches (id),
    drug_code       TEXT NOT NULL REFERENCES drugs (code),
    movement_date   TEXT NOT NULL CHECK (movement_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'dispense', 'adjustment', 'opname')),
    quantity        INTEGER NOT NULL CHECK (quantity <> 0),
    receipt_line_id INTEGER REFERENCES stock_receipt_lines (id),
    dispense_line_id INTEGER REFERENCES dispense_lines (id),
    adjustment_id   INTEGER REFERENCES stock_adjustments (id),
    opname_line_id  INTEGER REFERENCES stock_opname_lines (id),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL CHECK (length(created_by) <= 40),
    CHECK ((kind = 'receipt') = (receipt_line_id IS NOT NULL)),
    CHECK ((kind = 'dispense') = (dispense_line_id IS NOT NULL)),
    CHECK ((kind = 'adjustment') = (adjustment_id IS NOT NULL)),
    CHECK ((kind = 'opname') = (opname_line_id IS NOT NULL)),
    CHECK (kind <> 'receipt' OR quantity > 0),
    CHECK (kind <> 'adjustment' OR quantity < 0)
);
CREATE INDEX ix_stock_ledger_drug_date ON stock_ledger (drug_code, movement_date, kind, quantity);
CREATE INDEX ix_stock_ledger_batch ON stock_ledger (batch_id, movement_date, quantity);
CREATE INDEX ix_stock_ledger_dispense ON stock_ledger (dispense_line_id) WHERE dispense_line_id IS NOT NULL;

CREATE TRIGGER stock_ledger_moves_balance AFTER INSERT ON stock_ledger
BEGIN
    UPDATE stock_batches SET on_hand = on_hand + NEW.quantity WHERE id = NEW.batch_id;
END;

CREATE TRIGGER stock_ledger_no_update BEFORE UPDATE ON stock_ledger
BEGIN
    SELECT RAISE(ABORT, 'stock_ledger is append-only');
END;

CREATE TRIGGER stock_ledger_no_delete BEFORE DELETE ON stock_ledger
BEGIN
    SELECT RAISE(ABORT, 'stock_ledger is append-only');
END;
