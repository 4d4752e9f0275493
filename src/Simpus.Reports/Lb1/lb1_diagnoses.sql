-- LB1: live diagnoses of non-cancelled visits in the month, grouped so that the age at the visit date can be computed per group.
-- KKL is returned as is; the builder counts it as lama. The name comes from the icd10 table, the code when missing.
SELECT d.code                      AS Code,
       COALESCE(i.name_id, d.code) AS Name,
       p.sex                       AS Sex,
       p.birth_date                AS BirthDate,
       v.visit_date                AS VisitDate,
       d.case_type                 AS CaseType,
       COUNT(*)                    AS N
FROM diagnoses d
JOIN visits v ON v.id = d.visit_id
JOIN patients p ON p.id = v.patient_id
LEFT JOIN icd10 i ON i.code = d.code
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
  AND d.voided_at IS NULL
GROUP BY d.code, p.sex, p.birth_date, v.visit_date, d.case_type
