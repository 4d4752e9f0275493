-- The ICD-10 catalogue holds WHO ICD-10 (2010) codes only. In a catalogue already loaded:
--   R19.7 (ICD-10-CM "diarrhoea, unspecified": use A09.9) and Z68.3 (ICD-10-CM body mass index: use E66.x) are not WHO codes;
--   Z45.1 is "adjustment and management of infusion pump" in WHO ICD-10, not the IUD (that is Z30.5).
-- They are retired (active = 0), not deleted: old diagnoses keep them and still count; new entries are refused.
-- A catalogue not loaded yet (empty table) is filled from db/reference/icd10.csv at first start, already corrected.
UPDATE icd10 SET active = 0 WHERE code IN ('R19.7', 'Z68.3', 'Z45.1');
UPDATE icd10 SET name_en = 'Anomalies of tooth position', name_id = 'Anomali posisi gigi (gigi berjejal)' WHERE code = 'K07.3';
UPDATE icd10 SET name_en = 'Other gastroenteritis and colitis of infectious and unspecified origin' WHERE code = 'A09';
UPDATE icd10 SET name_en = 'Other and unspecified gastroenteritis and colitis of infectious origin' WHERE code = 'A09.0';

INSERT OR IGNORE INTO icd10 (code, name_id, name_en, category, common, active)
SELECT x.code, x.name_id, x.name_en, x.category, x.common, 1
FROM (SELECT 'A09.0' AS code, 'Gastroenteritis dan kolitis lain dan tidak spesifik asal infeksi' AS name_id,
             'Other and unspecified gastroenteritis and colitis of infectious origin' AS name_en, 'A09' AS category, 1 AS common
      UNION ALL SELECT 'A09.9', 'Gastroenteritis dan kolitis asal tidak spesifik (diare tidak spesifik)', 'Gastroenteritis and colitis of unspecified origin', 'A09', 1
      UNION ALL SELECT 'U07.1', 'COVID-19 virus teridentifikasi', 'COVID-19 virus identified', 'U07', 0) AS x
WHERE EXISTS (SELECT 1 FROM icd10);
