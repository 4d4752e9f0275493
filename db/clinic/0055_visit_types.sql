-- Kunjungan baru/lama of every visit (DOMAIN.md): baru when no earlier non-cancelled visit of the same patient falls in the
-- same calendar year. Derived, never stored: a paper visit entered afterwards with an earlier time re-classifies the visits
-- after it. This is the one definition the desk, the poli, the monthly report and the dashboard use, joined on the visit id
-- (JOIN visit_types t ON t.visit_id = v.id). SQLite flattens the view into the query, so only the visits the query keeps are
-- classified. A view of the main schema reads main.visits even where a report restricted to some patients shadows visits
-- with a temporary view (Simpus.Reports.PatientScope); joined to those visits it gives the same answer, as a patient's visits
-- are all in the scope or all out.
CREATE VIEW visit_types AS
SELECT v.id AS visit_id,
       CASE WHEN EXISTS (
           SELECT 1 FROM visits e
           WHERE e.patient_id = v.patient_id AND e.status <> 'cancelled'
             AND substr(e.visit_date, 1, 4) = substr(v.visit_date, 1, 4)
             AND (e.arrived_at < v.arrived_at OR (e.arrived_at = v.arrived_at AND e.id < v.id)))
            THEN 'lama' ELSE 'baru' END AS visit_type
FROM visits v;
