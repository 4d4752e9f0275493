-- Antenatal contacts of every pregnancy with a live contact in the period (@From..@To): all its contacts up to @To on
-- non-cancelled visits, with the pregnancy's dating. K1 akses, K1 murni, K4 and K6 are then applied per pregnancy, contact
-- by contact (Simpus.Core.Kia.AntenatalStandard); a pregnancy counts in the month it first meets an indicator.
SELECT p.id           AS PregnancyId,
       p.lmp          AS Lmp,
       p.dated_week   AS DatedWeek,
       p.dated_on     AS DatedOn,
       v.visit_date   AS VisitDate,
       a.given_by     AS GivenBy
FROM kia_pregnancies p
JOIN kia_antenatal_contacts a ON a.pregnancy_id = p.id AND a.voided_at IS NULL
JOIN visits v ON v.id = a.visit_id AND v.status <> 'cancelled'
WHERE p.voided_at IS NULL
  AND v.visit_date <= @To
  AND EXISTS (SELECT 1
              FROM kia_antenatal_contacts x
              JOIN visits y ON y.id = x.visit_id
              WHERE x.pregnancy_id = p.id AND x.voided_at IS NULL AND y.status <> 'cancelled'
                AND y.visit_date BETWEEN @From AND @To)
ORDER BY p.id, v.arrived_at, v.id
