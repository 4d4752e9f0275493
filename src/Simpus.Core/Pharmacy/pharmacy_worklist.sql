-- The apotek's worklist: visits of a day with live prescription lines, how many lines are processed, and the hand-over.
WITH rx AS (
    SELECT r.visit_id, COUNT(*) AS lines, MAX(r.created_at) AS prescribed_at
    FROM prescriptions r JOIN visits v ON v.id = r.visit_id
    WHERE v.visit_date = @date AND v.status <> 'cancelled' AND r.voided_at IS NULL AND (@poli IS NULL OR v.poli = @poli)
    GROUP BY r.visit_id
),
done AS (
    SELECT dl.visit_id, COUNT(*) AS processed
    FROM dispense_lines dl
    JOIN prescriptions r ON r.id = dl.prescription_id AND r.voided_at IS NULL
    WHERE dl.voided_at IS NULL AND dl.visit_id IN (SELECT visit_id FROM rx)
    GROUP BY dl.visit_id
)
SELECT v.id AS VisitId, v.queue_number AS QueueNumber,
       COALESCE(po.letter, upper(substr(v.poli, 1, 1))) || '-' || printf('%03d', v.queue_number) AS QueueLabel, p.rm AS Rm, p.name AS PatientName, v.poli AS Poli, po.name AS PoliName,
       v.payer AS Payer, v.status AS VisitStatus, rx.prescribed_at AS PrescribedAt, COALESCE(u.full_name, e.clinician) AS Clinician,
       rx.lines AS Lines, COALESCE(done.processed, 0) AS Processed, h.handed_over_at AS HandedOverAt
FROM rx
JOIN visits v ON v.id = rx.visit_id
JOIN patients p ON p.id = v.patient_id
JOIN poli po ON po.code = v.poli
LEFT JOIN done ON done.visit_id = v.id
LEFT JOIN examinations e ON e.visit_id = v.id
LEFT JOIN users u ON u.username = e.clinician
LEFT JOIN dispense_handovers h ON h.visit_id = v.id
