-- Waiting and service time per non-cancelled visit of the month that was examined, in whole seconds:
-- arrival -> examination started, examination started -> finished (NULL while not finished).
SELECT v.poli AS Poli,
       CAST(round((julianday(v.started_at) - julianday(v.arrived_at)) * 86400) AS INTEGER) AS WaitSeconds,
       CASE WHEN v.finished_at IS NOT NULL
            THEN CAST(round((julianday(v.finished_at) - julianday(v.started_at)) * 86400) AS INTEGER) END AS ServiceSeconds
FROM visits v
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
  AND v.started_at IS NOT NULL
