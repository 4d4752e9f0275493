-- Deliveries in the period (by delivery date), one per pregnancy (a record without a pregnancy counts alone):
-- Pn = helped by a health worker; PF = in a health facility (@Facilities, Simpus.Core.Kia.DeliveryCodes.Facilities).
SELECT COUNT(DISTINCT CASE WHEN k.by_health_worker = 1 THEN COALESCE('p' || k.pregnancy_id, 'd' || k.id) END) AS Pn,
       COUNT(DISTINCT CASE WHEN k.place IN @Facilities THEN COALESCE('p' || k.pregnancy_id, 'd' || k.id) END) AS Pf
FROM kia_deliveries k
LEFT JOIN visits v ON v.id = k.visit_id
WHERE k.voided_at IS NULL
  AND (k.visit_id IS NULL OR v.status <> 'cancelled')
  AND k.delivery_date BETWEEN @From AND @To
