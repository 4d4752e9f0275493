-- PWS KIA: every desa of the kecamatan (@Kecamatan) that has patients, with its registered population (live patients),
-- plus '*' (other kecamatan) and '' (no region code). Voided patients keep their desa (their records still count) but not
-- their share of the population.
SELECT Desa, SUM(Live) AS Population, COUNT(*) AS Patients
FROM (
    SELECT CASE WHEN p.region_code IS NULL OR p.region_code = '' THEN ''
                WHEN substr(p.region_code, 1, length(@Kecamatan) + 1) = @Kecamatan || '.' THEN p.region_code
                ELSE '*' END AS Desa,
           CASE WHEN p.voided_at IS NULL THEN 1 ELSE 0 END AS Live
    FROM patients p
)
GROUP BY Desa
ORDER BY Desa
