-- Key figures of a period for the summary sheet: visits (baru/lama), distinct patients, new and old cases
-- (KKL counts as lama), referrals out, UGD visits, visits paid by a scheme for the poor.
WITH mv AS (
    SELECT v.id, v.patient_id, v.poli, v.payer,
           CASE t.visit_type WHEN 'baru' THEN 1 ELSE 0 END AS is_new
    FROM visits v
    JOIN visit_types t ON t.visit_id = v.id
    WHERE v.visit_date BETWEEN @From AND @To
      AND v.status <> 'cancelled'
)
SELECT (SELECT COUNT(*) FROM mv)                                  AS Visits,
       (SELECT COALESCE(SUM(is_new), 0) FROM mv)                  AS NewVisits,
       (SELECT COUNT(DISTINCT patient_id) FROM mv)                AS Patients,
       (SELECT COUNT(*) FROM mv WHERE poli = 'ugd')               AS Emergencies,
       (SELECT COUNT(*) FROM mv JOIN payers y ON y.code = mv.payer WHERE y.is_poor = 1) AS PoorVisits,
       (SELECT COUNT(*) FROM diagnoses d JOIN mv ON mv.id = d.visit_id
         WHERE d.voided_at IS NULL AND d.case_type = 'baru')      AS NewCases,
       (SELECT COUNT(*) FROM diagnoses d JOIN mv ON mv.id = d.visit_id
         WHERE d.voided_at IS NULL AND d.case_type <> 'baru')     AS OldCases,
       (SELECT COUNT(*) FROM referrals r JOIN mv ON mv.id = r.visit_id
         WHERE r.voided_at IS NULL)                               AS Referrals
