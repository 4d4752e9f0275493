-- The visits behind a dashboard figure: non-cancelled visits between @From and @To, narrowed by the filters that are not NULL,
-- newest first, one page (@Limit, @Offset) with the number of all matching visits. Baru/lama (the view visit_types) and the
-- desa follow the definitions of visits.sql and pws_desa.sql, so a list has as many visits as the figure it came from.
WITH listed AS (
    SELECT v.id, v.visit_date, v.arrived_at, v.started_at, v.poli, v.payer, v.status, v.queue_number,
           p.rm, p.name, p.sex, p.birth_date,
           t.visit_type,
           CASE WHEN v.started_at IS NOT NULL
                THEN CAST(round((julianday(v.started_at) - julianday(v.arrived_at)) * 86400) AS INTEGER) END AS wait_seconds
    FROM visits v
    JOIN patients p ON p.id = v.patient_id
    JOIN visit_types t ON t.visit_id = v.id
    WHERE v.visit_date BETWEEN @From AND @To
      AND v.status <> 'cancelled'
      AND (@Poli IS NULL OR v.poli = @Poli)
      AND (@Payer IS NULL OR v.payer = @Payer)
      AND (@Poor IS NULL OR v.payer IN (SELECT y.code FROM payers y WHERE y.is_poor = 1))
      AND (@Code IS NULL OR EXISTS (
          SELECT 1 FROM diagnoses d
          WHERE d.visit_id = v.id AND d.code = @Code AND d.voided_at IS NULL
            AND (@Case IS NULL OR (@Case = 'baru' AND d.case_type = 'baru') OR (@Case = 'lama' AND d.case_type <> 'baru'))))
      AND (@Desa IS NULL OR (CASE WHEN p.region_code IS NULL OR p.region_code = '' THEN ''
                                  WHEN substr(p.region_code, 1, length(@Kecamatan) + 1) = @Kecamatan || '.' THEN p.region_code
                                  ELSE '*' END) = @Desa)
      AND (@Kia IS NULL
           OR (@Kia = 'anc' AND EXISTS (SELECT 1 FROM kia_antenatal_contacts k WHERE k.visit_id = v.id AND k.voided_at IS NULL))
           OR (@Kia = 'persalinan' AND EXISTS (SELECT 1 FROM kia_deliveries k WHERE k.visit_id = v.id AND k.voided_at IS NULL))
           OR (@Kia = 'nifas' AND EXISTS (SELECT 1 FROM kia_postnatal k WHERE k.visit_id = v.id AND k.voided_at IS NULL))
           OR (@Kia = 'neonatus' AND EXISTS (SELECT 1 FROM kia_neonatal k WHERE k.visit_id = v.id AND k.voided_at IS NULL))
           OR (@Kia = 'imunisasi' AND EXISTS (SELECT 1 FROM kia_immunizations k WHERE k.visit_id = v.id AND k.voided_at IS NULL)))
)
SELECT l.id AS Id, l.visit_date AS VisitDate, l.arrived_at AS ArrivedAt, l.poli AS Poli, l.payer AS Payer, l.status AS Status,
       l.queue_number AS QueueNumber, l.rm AS Rm, l.name AS Name, l.sex AS Sex, l.birth_date AS BirthDate, l.visit_type AS VisitType,
       l.wait_seconds AS WaitSeconds,
       (SELECT group_concat(d.code || COALESCE(' ' || i.name_id, '') || CASE d.case_type WHEN 'baru' THEN ' (baru)' WHEN 'kkl' THEN ' (KKL)' ELSE ' (lama)' END, '; ')
        FROM diagnoses d LEFT JOIN icd10 i ON i.code = d.code WHERE d.visit_id = l.id AND d.voided_at IS NULL) AS Diagnoses,
       COUNT(*) OVER () AS Total
FROM listed l
WHERE (@Type IS NULL OR l.visit_type = @Type)
  AND (@OverSeconds IS NULL OR l.wait_seconds > @OverSeconds)
  AND (@Examined IS NULL OR (@Examined = 1) = (l.wait_seconds IS NOT NULL))
ORDER BY l.arrived_at DESC, l.id DESC
LIMIT @Limit OFFSET @Offset
