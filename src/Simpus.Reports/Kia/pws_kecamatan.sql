-- The puskesmas' kecamatan (e.g. 33.73.04): the one most of its live patients with a desa code live in.
SELECT substr(region_code, 1, 8) AS Kecamatan
FROM patients
WHERE voided_at IS NULL AND length(region_code) = 13
GROUP BY Kecamatan
ORDER BY COUNT(*) DESC, Kecamatan
LIMIT 1
