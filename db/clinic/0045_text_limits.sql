-- Every text column holds at most 4,000 characters (issue 14.4: a 10 MB address was once stored and returned by every
-- search that matched it). The APIs refuse longer text field by field (src/Simpus.Core/Common/TextLimits.cs: 120 for a
-- name, 300 for an address, 4,000 for a clinician's free text); this is the database's own ceiling under them, so no
-- write path, however coded, stores more. Tables created from now on carry CHECK (length(x) <= n) in their definition;
-- the tables below predate that, and SQLite cannot add a CHECK to an existing table without rebuilding it (which would
-- drop the SATUSEHAT triggers and rewrite every row), so the same rule is kept by triggers that abort the write.
-- Not limited: settings.value (the letterhead logo as a data URL), the monthly package as written
-- (exchange_packages.file), the district's answer and last error of an outbox entry (written by the service, never by a
-- user), schema_migrations.

CREATE TRIGGER text_limit_attendance_imports_insert BEFORE INSERT ON attendance_imports
    WHEN length(NEW.file_name) > 4000 OR length(NEW.sha256) > 4000 OR length(NEW.imported_at) > 4000 OR length(NEW.imported_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: attendance_imports'); END;

CREATE TRIGGER text_limit_attendance_imports_update BEFORE UPDATE ON attendance_imports
    WHEN length(NEW.file_name) > 4000 OR length(NEW.sha256) > 4000 OR length(NEW.imported_at) > 4000 OR length(NEW.imported_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: attendance_imports'); END;

CREATE TRIGGER text_limit_attendance_punches_insert BEFORE INSERT ON attendance_punches
    WHEN length(NEW.punched_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: attendance_punches'); END;

CREATE TRIGGER text_limit_attendance_punches_update BEFORE UPDATE ON attendance_punches
    WHEN length(NEW.punched_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: attendance_punches'); END;

CREATE TRIGGER text_limit_backup_runs_insert BEFORE INSERT ON backup_runs
    WHEN length(NEW.started_at) > 4000 OR length(NEW.finished_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: backup_runs'); END;

CREATE TRIGGER text_limit_backup_runs_update BEFORE UPDATE ON backup_runs
    WHEN length(NEW.started_at) > 4000 OR length(NEW.finished_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: backup_runs'); END;

CREATE TRIGGER text_limit_clinical_audit_insert BEFORE INSERT ON clinical_audit
    WHEN length(NEW.changed_at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.entity) > 4000 OR length(NEW.field) > 4000 OR length(NEW.old_value) > 4000 OR length(NEW.new_value) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: clinical_audit'); END;

CREATE TRIGGER text_limit_clinical_audit_update BEFORE UPDATE ON clinical_audit
    WHEN length(NEW.changed_at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.entity) > 4000 OR length(NEW.field) > 4000 OR length(NEW.old_value) > 4000 OR length(NEW.new_value) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: clinical_audit'); END;

CREATE TRIGGER text_limit_diagnoses_insert BEFORE INSERT ON diagnoses
    WHEN length(NEW.code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: diagnoses'); END;

CREATE TRIGGER text_limit_diagnoses_update BEFORE UPDATE ON diagnoses
    WHEN length(NEW.code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: diagnoses'); END;

CREATE TRIGGER text_limit_dispense_handovers_insert BEFORE INSERT ON dispense_handovers
    WHEN length(NEW.handed_over_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: dispense_handovers'); END;

CREATE TRIGGER text_limit_dispense_handovers_update BEFORE UPDATE ON dispense_handovers
    WHEN length(NEW.handed_over_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: dispense_handovers'); END;

CREATE TRIGGER text_limit_dispense_lines_insert BEFORE INSERT ON dispense_lines
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: dispense_lines'); END;

CREATE TRIGGER text_limit_dispense_lines_update BEFORE UPDATE ON dispense_lines
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: dispense_lines'); END;

CREATE TRIGGER text_limit_drug_kfa_insert BEFORE INSERT ON drug_kfa
    WHEN length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: drug_kfa'); END;

CREATE TRIGGER text_limit_drug_kfa_update BEFORE UPDATE ON drug_kfa
    WHEN length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: drug_kfa'); END;

CREATE TRIGGER text_limit_drugs_insert BEFORE INSERT ON drugs
    WHEN length(NEW.code) > 4000 OR length(NEW.name) > 4000 OR length(NEW.unit) > 4000 OR length(NEW.form) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: drugs'); END;

CREATE TRIGGER text_limit_drugs_update BEFORE UPDATE ON drugs
    WHEN length(NEW.code) > 4000 OR length(NEW.name) > 4000 OR length(NEW.unit) > 4000 OR length(NEW.form) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: drugs'); END;

CREATE TRIGGER text_limit_examinations_insert BEFORE INSERT ON examinations
    WHEN length(NEW.complaint) > 4000 OR length(NEW.history) > 4000 OR length(NEW.physical_exam) > 4000 OR length(NEW.outcome) > 4000 OR length(NEW.clinician) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: examinations'); END;

CREATE TRIGGER text_limit_examinations_update BEFORE UPDATE ON examinations
    WHEN length(NEW.complaint) > 4000 OR length(NEW.history) > 4000 OR length(NEW.physical_exam) > 4000 OR length(NEW.outcome) > 4000 OR length(NEW.clinician) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: examinations'); END;

CREATE TRIGGER text_limit_exchange_packages_insert BEFORE INSERT ON exchange_packages
    WHEN length(NEW.values_hash) > 4000 OR length(NEW.generated_at) > 4000 OR length(NEW.generated_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: exchange_packages'); END;

CREATE TRIGGER text_limit_exchange_packages_update BEFORE UPDATE ON exchange_packages
    WHEN length(NEW.values_hash) > 4000 OR length(NEW.generated_at) > 4000 OR length(NEW.generated_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: exchange_packages'); END;

CREATE TRIGGER text_limit_families_insert BEFORE INSERT ON families
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: families'); END;

CREATE TRIGGER text_limit_families_update BEFORE UPDATE ON families
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: families'); END;

CREATE TRIGGER text_limit_holidays_insert BEFORE INSERT ON holidays
    WHEN length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: holidays'); END;

CREATE TRIGGER text_limit_holidays_update BEFORE UPDATE ON holidays
    WHEN length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: holidays'); END;

CREATE TRIGGER text_limit_icd10_insert BEFORE INSERT ON icd10
    WHEN length(NEW.name_id) > 4000 OR length(NEW.name_en) > 4000 OR length(NEW.category) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: icd10'); END;

CREATE TRIGGER text_limit_icd10_update BEFORE UPDATE ON icd10
    WHEN length(NEW.name_id) > 4000 OR length(NEW.name_en) > 4000 OR length(NEW.category) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: icd10'); END;

CREATE TRIGGER text_limit_kia_antenatal_contacts_insert BEFORE INSERT ON kia_antenatal_contacts
    WHEN length(NEW.presentation) > 4000 OR length(NEW.td_status) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_antenatal_contacts'); END;

CREATE TRIGGER text_limit_kia_antenatal_contacts_update BEFORE UPDATE ON kia_antenatal_contacts
    WHEN length(NEW.presentation) > 4000 OR length(NEW.td_status) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_antenatal_contacts'); END;

CREATE TRIGGER text_limit_kia_deliveries_insert BEFORE INSERT ON kia_deliveries
    WHEN length(NEW.delivery_date) > 4000 OR length(NEW.place) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000 OR length(NEW.helper) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_deliveries'); END;

CREATE TRIGGER text_limit_kia_deliveries_update BEFORE UPDATE ON kia_deliveries
    WHEN length(NEW.delivery_date) > 4000 OR length(NEW.place) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000 OR length(NEW.helper) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_deliveries'); END;

CREATE TRIGGER text_limit_kia_growth_insert BEFORE INSERT ON kia_growth
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_growth'); END;

CREATE TRIGGER text_limit_kia_growth_update BEFORE UPDATE ON kia_growth
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_growth'); END;

CREATE TRIGGER text_limit_kia_immunizations_insert BEFORE INSERT ON kia_immunizations
    WHEN length(NEW.antigen) > 4000 OR length(NEW.given_date) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_immunizations'); END;

CREATE TRIGGER text_limit_kia_immunizations_update BEFORE UPDATE ON kia_immunizations
    WHEN length(NEW.antigen) > 4000 OR length(NEW.given_date) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_immunizations'); END;

CREATE TRIGGER text_limit_kia_neonatal_insert BEFORE INSERT ON kia_neonatal
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_neonatal'); END;

CREATE TRIGGER text_limit_kia_neonatal_update BEFORE UPDATE ON kia_neonatal
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_neonatal'); END;

CREATE TRIGGER text_limit_kia_postnatal_insert BEFORE INSERT ON kia_postnatal
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_postnatal'); END;

CREATE TRIGGER text_limit_kia_postnatal_update BEFORE UPDATE ON kia_postnatal
    WHEN length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_postnatal'); END;

CREATE TRIGGER text_limit_kia_pregnancies_insert BEFORE INSERT ON kia_pregnancies
    WHEN length(NEW.lmp) > 4000 OR length(NEW.dated_on) > 4000 OR length(NEW.ended_on) > 4000 OR length(NEW.end_kind) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_pregnancies'); END;

CREATE TRIGGER text_limit_kia_pregnancies_update BEFORE UPDATE ON kia_pregnancies
    WHEN length(NEW.lmp) > 4000 OR length(NEW.dated_on) > 4000 OR length(NEW.ended_on) > 4000 OR length(NEW.end_kind) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000 OR length(NEW.voided_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: kia_pregnancies'); END;

CREATE TRIGGER text_limit_letters_insert BEFORE INSERT ON letters
    WHEN length(NEW.issued_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: letters'); END;

CREATE TRIGGER text_limit_letters_update BEFORE UPDATE ON letters
    WHEN length(NEW.issued_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: letters'); END;

CREATE TRIGGER text_limit_outbox_insert BEFORE INSERT ON outbox
    WHEN length(NEW.next_attempt_at) > 4000 OR length(NEW.last_attempt_at) > 4000 OR length(NEW.queued_at) > 4000 OR length(NEW.queued_by) > 4000 OR length(NEW.accepted_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: outbox'); END;

CREATE TRIGGER text_limit_outbox_update BEFORE UPDATE ON outbox
    WHEN length(NEW.next_attempt_at) > 4000 OR length(NEW.last_attempt_at) > 4000 OR length(NEW.queued_at) > 4000 OR length(NEW.queued_by) > 4000 OR length(NEW.accepted_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: outbox'); END;

CREATE TRIGGER text_limit_patient_history_insert BEFORE INSERT ON patient_history
    WHEN length(NEW.changed_at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.field) > 4000 OR length(NEW.old_value) > 4000 OR length(NEW.new_value) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: patient_history'); END;

CREATE TRIGGER text_limit_patient_history_update BEFORE UPDATE ON patient_history
    WHEN length(NEW.changed_at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.field) > 4000 OR length(NEW.old_value) > 4000 OR length(NEW.new_value) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: patient_history'); END;

CREATE TRIGGER text_limit_patients_insert BEFORE INSERT ON patients
    WHEN length(NEW.rm) > 4000 OR length(NEW.address) > 4000 OR length(NEW.region_code) > 4000 OR length(NEW.rt) > 4000 OR length(NEW.rw) > 4000 OR length(NEW.phone) > 4000 OR length(NEW.default_payer) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.updated_at) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: patients'); END;

CREATE TRIGGER text_limit_patients_update BEFORE UPDATE ON patients
    WHEN length(NEW.rm) > 4000 OR length(NEW.address) > 4000 OR length(NEW.region_code) > 4000 OR length(NEW.rt) > 4000 OR length(NEW.rw) > 4000 OR length(NEW.phone) > 4000 OR length(NEW.default_payer) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.updated_at) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: patients'); END;

CREATE TRIGGER text_limit_payers_insert BEFORE INSERT ON payers
    WHEN length(NEW.code) > 4000 OR length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: payers'); END;

CREATE TRIGGER text_limit_payers_update BEFORE UPDATE ON payers
    WHEN length(NEW.code) > 4000 OR length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: payers'); END;

CREATE TRIGGER text_limit_poli_insert BEFORE INSERT ON poli
    WHEN length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: poli'); END;

CREATE TRIGGER text_limit_poli_update BEFORE UPDATE ON poli
    WHEN length(NEW.name) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: poli'); END;

CREATE TRIGGER text_limit_prescriptions_insert BEFORE INSERT ON prescriptions
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.dose) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: prescriptions'); END;

CREATE TRIGGER text_limit_prescriptions_update BEFORE UPDATE ON prescriptions
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.dose) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: prescriptions'); END;

CREATE TRIGGER text_limit_print_log_insert BEFORE INSERT ON print_log
    WHEN length(NEW.printed_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: print_log'); END;

CREATE TRIGGER text_limit_print_log_update BEFORE UPDATE ON print_log
    WHEN length(NEW.printed_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: print_log'); END;

CREATE TRIGGER text_limit_procedures_insert BEFORE INSERT ON procedures
    WHEN length(NEW.name) > 4000 OR length(NEW.code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: procedures'); END;

CREATE TRIGGER text_limit_procedures_update BEFORE UPDATE ON procedures
    WHEN length(NEW.name) > 4000 OR length(NEW.code) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: procedures'); END;

CREATE TRIGGER text_limit_queue_calls_insert BEFORE INSERT ON queue_calls
    WHEN length(NEW.called_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: queue_calls'); END;

CREATE TRIGGER text_limit_queue_calls_update BEFORE UPDATE ON queue_calls
    WHEN length(NEW.called_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: queue_calls'); END;

CREATE TRIGGER text_limit_ramadan_periods_insert BEFORE INSERT ON ramadan_periods
    WHEN length(NEW.end_date) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: ramadan_periods'); END;

CREATE TRIGGER text_limit_ramadan_periods_update BEFORE UPDATE ON ramadan_periods
    WHEN length(NEW.end_date) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: ramadan_periods'); END;

CREATE TRIGGER text_limit_record_access_insert BEFORE INSERT ON record_access
    WHEN length(NEW.opened_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: record_access'); END;

CREATE TRIGGER text_limit_record_access_update BEFORE UPDATE ON record_access
    WHEN length(NEW.opened_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: record_access'); END;

CREATE TRIGGER text_limit_referrals_insert BEFORE INSERT ON referrals
    WHEN length(NEW.destination) > 4000 OR length(NEW.reason) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: referrals'); END;

CREATE TRIGGER text_limit_referrals_update BEFORE UPDATE ON referrals
    WHEN length(NEW.destination) > 4000 OR length(NEW.reason) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000 OR length(NEW.voided_at) > 4000 OR length(NEW.voided_by) > 4000 OR length(NEW.void_reason) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: referrals'); END;

CREATE TRIGGER text_limit_satusehat_locations_insert BEFORE INSERT ON satusehat_locations
    WHEN length(NEW.poli) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_locations'); END;

CREATE TRIGGER text_limit_satusehat_locations_update BEFORE UPDATE ON satusehat_locations
    WHEN length(NEW.poli) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_locations'); END;

CREATE TRIGGER text_limit_satusehat_patients_insert BEFORE INSERT ON satusehat_patients
    WHEN length(NEW.checked_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_patients'); END;

CREATE TRIGGER text_limit_satusehat_patients_update BEFORE UPDATE ON satusehat_patients
    WHEN length(NEW.checked_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_patients'); END;

CREATE TRIGGER text_limit_satusehat_practitioners_insert BEFORE INSERT ON satusehat_practitioners
    WHEN length(NEW.checked_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_practitioners'); END;

CREATE TRIGGER text_limit_satusehat_practitioners_update BEFORE UPDATE ON satusehat_practitioners
    WHEN length(NEW.checked_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_practitioners'); END;

CREATE TRIGGER text_limit_satusehat_visits_insert BEFORE INSERT ON satusehat_visits
    WHEN length(NEW.finished_at) > 4000 OR length(NEW.last_attempt_at) > 4000 OR length(NEW.sent_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_visits'); END;

CREATE TRIGGER text_limit_satusehat_visits_update BEFORE UPDATE ON satusehat_visits
    WHEN length(NEW.finished_at) > 4000 OR length(NEW.last_attempt_at) > 4000 OR length(NEW.sent_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: satusehat_visits'); END;

CREATE TRIGGER text_limit_sessions_insert BEFORE INSERT ON sessions
    WHEN length(NEW.created_at) > 4000 OR length(NEW.last_seen_at) > 4000 OR length(NEW.ended_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: sessions'); END;

CREATE TRIGGER text_limit_sessions_update BEFORE UPDATE ON sessions
    WHEN length(NEW.created_at) > 4000 OR length(NEW.last_seen_at) > 4000 OR length(NEW.ended_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: sessions'); END;

CREATE TRIGGER text_limit_settings_insert BEFORE INSERT ON settings
    WHEN length(NEW.key) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: settings'); END;

CREATE TRIGGER text_limit_settings_update BEFORE UPDATE ON settings
    WHEN length(NEW.key) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: settings'); END;

CREATE TRIGGER text_limit_staff_insert BEFORE INSERT ON staff
    WHEN length(NEW.position) > 4000 OR length(NEW.unit) > 4000 OR length(NEW.machine_id) > 4000 OR length(NEW.active_to) > 4000 OR length(NEW.pin_hash) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: staff'); END;

CREATE TRIGGER text_limit_staff_update BEFORE UPDATE ON staff
    WHEN length(NEW.position) > 4000 OR length(NEW.unit) > 4000 OR length(NEW.machine_id) > 4000 OR length(NEW.active_to) > 4000 OR length(NEW.pin_hash) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: staff'); END;

CREATE TRIGGER text_limit_staff_absences_insert BEFORE INSERT ON staff_absences
    WHEN length(NEW.leave_type) > 4000 OR length(NEW.to_date) > 4000 OR length(NEW.note) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: staff_absences'); END;

CREATE TRIGGER text_limit_staff_absences_update BEFORE UPDATE ON staff_absences
    WHEN length(NEW.leave_type) > 4000 OR length(NEW.to_date) > 4000 OR length(NEW.note) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: staff_absences'); END;

CREATE TRIGGER text_limit_stock_adjustments_insert BEFORE INSERT ON stock_adjustments
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_adjustments'); END;

CREATE TRIGGER text_limit_stock_adjustments_update BEFORE UPDATE ON stock_adjustments
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_adjustments'); END;

CREATE TRIGGER text_limit_stock_batches_insert BEFORE INSERT ON stock_batches
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_batches'); END;

CREATE TRIGGER text_limit_stock_batches_update BEFORE UPDATE ON stock_batches
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_batches'); END;

CREATE TRIGGER text_limit_stock_ledger_insert BEFORE INSERT ON stock_ledger
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_ledger'); END;

CREATE TRIGGER text_limit_stock_ledger_update BEFORE UPDATE ON stock_ledger
    WHEN length(NEW.drug_code) > 4000 OR length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_ledger'); END;

CREATE TRIGGER text_limit_stock_opnames_insert BEFORE INSERT ON stock_opnames
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_opnames'); END;

CREATE TRIGGER text_limit_stock_opnames_update BEFORE UPDATE ON stock_opnames
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_opnames'); END;

CREATE TRIGGER text_limit_stock_receipts_insert BEFORE INSERT ON stock_receipts
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_receipts'); END;

CREATE TRIGGER text_limit_stock_receipts_update BEFORE UPDATE ON stock_receipts
    WHEN length(NEW.created_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: stock_receipts'); END;

CREATE TRIGGER text_limit_users_insert BEFORE INSERT ON users
    WHEN length(NEW.full_name) > 4000 OR length(NEW.password_hash) > 4000 OR length(NEW.poli) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: users'); END;

CREATE TRIGGER text_limit_users_update BEFORE UPDATE ON users
    WHEN length(NEW.full_name) > 4000 OR length(NEW.password_hash) > 4000 OR length(NEW.poli) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.updated_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: users'); END;

CREATE TRIGGER text_limit_visit_status_history_insert BEFORE INSERT ON visit_status_history
    WHEN length(NEW.at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.recorded_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: visit_status_history'); END;

CREATE TRIGGER text_limit_visit_status_history_update BEFORE UPDATE ON visit_status_history
    WHEN length(NEW.at) > 4000 OR length(NEW.changed_by) > 4000 OR length(NEW.recorded_at) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: visit_status_history'); END;

CREATE TRIGGER text_limit_visits_insert BEFORE INSERT ON visits
    WHEN length(NEW.poli) > 4000 OR length(NEW.payer) > 4000 OR length(NEW.complaint) > 4000 OR length(NEW.visit_date) > 4000 OR length(NEW.arrived_at) > 4000 OR length(NEW.started_at) > 4000 OR length(NEW.finished_at) > 4000 OR length(NEW.cancelled_at) > 4000 OR length(NEW.cancel_reason) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: visits'); END;

CREATE TRIGGER text_limit_visits_update BEFORE UPDATE ON visits
    WHEN length(NEW.poli) > 4000 OR length(NEW.payer) > 4000 OR length(NEW.complaint) > 4000 OR length(NEW.visit_date) > 4000 OR length(NEW.arrived_at) > 4000 OR length(NEW.started_at) > 4000 OR length(NEW.finished_at) > 4000 OR length(NEW.cancelled_at) > 4000 OR length(NEW.cancel_reason) > 4000 OR length(NEW.created_at) > 4000 OR length(NEW.created_by) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: visits'); END;

CREATE TRIGGER text_limit_work_schedule_days_insert BEFORE INSERT ON work_schedule_days
    WHEN length(NEW.label) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: work_schedule_days'); END;

CREATE TRIGGER text_limit_work_schedule_days_update BEFORE UPDATE ON work_schedule_days
    WHEN length(NEW.label) > 4000
    BEGIN SELECT RAISE(ABORT, 'text.tooLong: work_schedule_days'); END;
