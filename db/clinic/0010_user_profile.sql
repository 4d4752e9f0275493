-- Profile fields of a user: NIP of a civil servant (18 digits), SIP number of a clinician
-- (surat izin praktik, free text), and the person's NIK (16 digits). All optional. Letters print NIP/SIP; SATUSEHAT
-- looks up the practitioner by NIK.

ALTER TABLE users ADD COLUMN nip TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*'));
ALTER TABLE users ADD COLUMN sip TEXT CHECK (sip IS NULL OR length(sip) BETWEEN 1 AND 60);
ALTER TABLE users ADD COLUMN nik TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'));
