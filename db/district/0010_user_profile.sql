-- Profile fields of a user, as on the clinic (same shared user store): NIP (18 digits), SIP number (text), NIK
-- (16 digits). All optional.

ALTER TABLE users ADD COLUMN nip TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*'));
ALTER TABLE users ADD COLUMN sip TEXT CHECK (sip IS NULL OR length(sip) BETWEEN 1 AND 60);
ALTER TABLE users ADD COLUMN nik TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'));
