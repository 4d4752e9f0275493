-- Live prescription lines of the month's non-cancelled visits, with the drug's Fornas class and dosage form.
SELECT r.visit_id AS VisitId, r.drug_code AS Drug, g.fornas_class AS FornasClass, g.form AS Form
FROM prescriptions r JOIN visits v ON v.id = r.visit_id JOIN drugs g ON g.code = r.drug_code
WHERE v.visit_date BETWEEN @from AND @to AND v.status <> 'cancelled' AND r.voided_at IS NULL
