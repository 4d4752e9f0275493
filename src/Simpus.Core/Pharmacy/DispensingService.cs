using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// Dispensing at the apotek: the day's prescriptions, line-by-line dispensing from the earliest-expiring batches (FEFO), less
/// or a substitute with a reason, voiding a mistaken line before hand-over, and the hand-over. Each dispensing is one write
/// transaction (BEGIN IMMEDIATE): of two pharmacists taking the last units at the same moment one succeeds and the other is
/// told the stock is short (409 <c>stock.insufficient</c>); the schema keeps every batch balance ≥ 0 regardless.
/// </summary>
public sealed class DispensingService(Database db, DrugCatalogue drugs, PharmacyClock clock)
{
    /// <summary>Prescriptions of a day (default today), waiting ones first, newest first; optionally one poli.</summary>
    public IReadOnlyList<DispensingWorkItem> Worklist(DateOnly? date, string? poli)
    {
        var day = date ?? clock.Today;
        var today = clock.Today;
        using var c = db.Open();
        var items = c.Query<WorkRow>(EmbeddedSql.Get("pharmacy_worklist.sql"), new { date = day, poli }).ToList();
        var open = c.Query<(long VisitId, string Drug, double Quantity)>("""
            SELECT r.visit_id, r.drug_code, r.quantity
            FROM prescriptions r JOIN visits v ON v.id = r.visit_id
            WHERE v.visit_date = @day AND v.status <> 'cancelled' AND r.voided_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM dispense_lines dl WHERE dl.prescription_id = r.id AND dl.voided_at IS NULL)
            """, new { day }).ToList();
        var stock = UsableStock(c, open.Select(o => o.Drug).Distinct(), today);
        var shortByVisit = open.Where(o => stock.GetValueOrDefault(o.Drug) < Math.Ceiling(o.Quantity))
            .GroupBy(o => o.VisitId).ToDictionary(g => g.Key, g => g.Count());
        return items
            .Select(r => r.ToItem(shortByVisit.GetValueOrDefault(r.VisitId)))
            .OrderBy(i => i.Status == DispensingStatuses.HandedOver ? 1 : 0)
            .ThenByDescending(i => i.PrescribedAt)
            .ThenByDescending(i => i.VisitId)
            .ToList();
    }

    public DispensingView Get(long visitId)
    {
        using var c = db.Open();
        return Load(c, null, visitId);
    }

    /// <summary>Dispenses one prescription line: the prescribed drug or a substitute, the quantity given (FEFO across batches).</summary>
    public DispensingView Dispense(long visitId, long prescriptionId, DispenseInput input, string user)
    {
        var v = new Validation();
        var reason = Text.Clean(input.Reason);
        if (reason is { Length: < 3 or > 200 } || (reason is not null && reason.Any(char.IsControl)))
        {
            v.Add("reason", "reason.length", "Alasan 3–200 karakter.");
        }
        if (input.Quantity is < 0 or > 10_000_000)
        {
            v.Add("quantity", "quantity.range", "Jumlah yang diberikan harus 0 sampai 10.000.000.");
        }
        Drug? substitute = null;
        if (Text.Clean(input.Drug) is { } code)
        {
            substitute = drugs.Find(code);
            if (substitute is null || !substitute.Active)
            {
                v.Add("drug", "drug.unknown", $"Obat pengganti '{code}' tidak ada di katalog obat aktif.");
            }
        }
        v.ThrowIfAny();

        var today = clock.Today;
        var now = clock.Now;
        db.InTransaction((c, t) =>
        {
            var line = c.QuerySingleOrDefault<PrescriptionRow>("""
                SELECT r.id, r.visit_id AS VisitId, r.drug_code AS Drug, g.name AS DrugName, r.quantity, r.voided_at AS VoidedAt, v.status AS VisitStatus
                FROM prescriptions r JOIN drugs g ON g.code = r.drug_code JOIN visits v ON v.id = r.visit_id
                WHERE r.id = @prescriptionId AND r.visit_id = @visitId
                """, new { prescriptionId, visitId }, t)
                ?? throw new NotFoundException("prescription.notFound", $"Resep {prescriptionId} tidak ada pada kunjungan {visitId}.");
            if (line.VoidedAt is not null)
            {
                throw new ConflictException("prescription.voided", $"Resep {line.DrugName} sudah dibatalkan oleh pemeriksa; tidak perlu diberikan.");
            }
            if (line.VisitStatus == "cancelled")
            {
                throw new ConflictException("visit.cancelled", $"Kunjungan {visitId} dibatalkan.");
            }
            CheckNotHandedOver(c, t, visitId);
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM dispense_lines WHERE prescription_id = @prescriptionId AND voided_at IS NULL",
                    new { prescriptionId }, t) > 0)
            {
                throw new ConflictException("dispensing.alreadyDone", $"Resep {line.DrugName} sudah diberikan. Batalkan dulu bila salah.");
            }
            var given = substitute is null || substitute.Code == line.Drug ? null : substitute;
            var prescribed = (int)Math.Ceiling(line.Quantity);
            var quantity = input.Quantity ?? (given is null ? prescribed : 0);
            var errors = new Validation();
            if (given is null && quantity > prescribed)
            {
                errors.Add("quantity", "quantity.moreThanPrescribed", $"Jumlah {quantity} melebihi resep ({prescribed}).");
            }
            if (given is not null && quantity < 1)
            {
                errors.Add("quantity", "quantity.required", "Isi jumlah obat pengganti yang diberikan (minimal 1).");
            }
            if (reason is null && given is not null)
            {
                errors.Add("reason", "reason.required", "Tulis alasan penggantian obat (mis. stok kosong, diganti sediaan sirup).");
            }
            else if (reason is null && quantity < prescribed)
            {
                errors.Add("reason", "reason.required", quantity == 0
                    ? "Tulis alasan obat tidak diberikan (mis. stok kosong)."
                    : $"Tulis alasan memberi kurang dari resep ({quantity} dari {prescribed}).");
            }
            errors.ThrowIfAny();

            var drugCode = given?.Code ?? line.Drug;
            var drugName = given?.Name ?? line.DrugName;
            var taken = quantity == 0 ? [] : StockLedger.AllocateFefo(c, t, drugCode, drugName, quantity, today);
            long lineId;
            try
            {
                lineId = c.ExecuteScalar<long>("""
                    INSERT INTO dispense_lines (visit_id, prescription_id, drug_code, quantity, substitute, reason, dispensed_date, created_at, created_by)
                    VALUES (@visitId, @prescriptionId, @drugCode, @quantity, @substitute, @reason, @today, @now, @user) RETURNING id
                    """, new { visitId, prescriptionId, drugCode, quantity, substitute = given is not null, reason, today, now, user }, t);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("prescription_id", StringComparison.Ordinal))
            {
                throw new ConflictException("dispensing.alreadyDone", $"Resep {line.DrugName} sudah diberikan.");
            }
            foreach (var (batch, n) in taken)
            {
                StockLedger.Insert(c, t, new StockLedger.Movement(batch.Id, drugCode, today, MovementKinds.Dispense, -n, DispenseLineId: lineId), now, user);
            }
        });
        return Get(visitId);
    }

    /// <summary>Voids a mistaken dispensing line before hand-over; its units go back to the batches they came from.</summary>
    public DispensingView VoidLine(long visitId, long lineId, DispenseVoidInput input, string user)
    {
        var reason = Text.Clean(input.Reason);
        if (reason is null || reason.Length is < 3 or > 200 || reason.Any(char.IsControl))
        {
            throw ValidationFailedException.For("reason", "reason.required", "Alasan pembatalan wajib diisi (3–200 karakter).");
        }
        var today = clock.Today;
        var now = clock.Now;
        db.InTransaction((c, t) =>
        {
            var line = c.QuerySingleOrDefault<(long Id, string? VoidedAt)?>(
                "SELECT id, voided_at FROM dispense_lines WHERE id = @lineId AND visit_id = @visitId", new { lineId, visitId }, t)
                ?? throw new NotFoundException("dispensing.notFound", $"Pemberian obat {lineId} tidak ada pada kunjungan {visitId}.");
            if (line.VoidedAt is not null)
            {
                throw new ConflictException("dispensing.alreadyVoided", "Pemberian obat ini sudah dibatalkan.");
            }
            CheckNotHandedOver(c, t, visitId);
            var moves = c.Query<(long BatchId, string Drug, int Quantity)>(
                "SELECT batch_id, drug_code, SUM(quantity) FROM stock_ledger WHERE dispense_line_id = @lineId GROUP BY batch_id, drug_code",
                new { lineId }, t).ToList();
            c.Execute("UPDATE dispense_lines SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @lineId",
                new { now, user, reason, lineId }, t);
            foreach (var m in moves.Where(m => m.Quantity != 0))
            {
                StockLedger.Insert(c, t, new StockLedger.Movement(m.BatchId, m.Drug, today, MovementKinds.Dispense, -m.Quantity, DispenseLineId: lineId), now, user);
            }
        });
        return Get(visitId);
    }

    /// <summary>Marks the prescription handed over to the patient; every live line must have been processed.</summary>
    public DispensingView HandOver(long visitId, string user)
    {
        var now = clock.Now;
        db.InTransaction((c, t) =>
        {
            var view = Load(c, t, visitId);
            CheckNotHandedOver(c, t, visitId);
            var open = view.Lines.Where(l => !l.PrescriptionVoided && l.Dispensed is null).Select(l => l.DrugName).ToList();
            if (view.Lines.Count == 0)
            {
                throw new ConflictException("dispensing.noPrescription", "Kunjungan ini tidak punya resep.");
            }
            if (open.Count > 0)
            {
                throw new ConflictException("dispensing.linesOpen",
                    $"Masih ada resep yang belum diproses: {string.Join(", ", open)}. Berikan, atau catat 0 dengan alasan.",
                    new Dictionary<string, object?> { ["open"] = open });
            }
            c.Execute("INSERT INTO dispense_handovers (visit_id, handed_over_at, handed_over_by) VALUES (@visitId, @now, @user)", new { visitId, now, user }, t);
        });
        return Get(visitId);
    }

    private static void CheckNotHandedOver(SqliteConnection c, SqliteTransaction t, long visitId)
    {
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM dispense_handovers WHERE visit_id = @visitId", new { visitId }, t) > 0)
        {
            throw new ConflictException("dispensing.handedOver", "Obat resep ini sudah diserahkan kepada pasien.");
        }
    }

    private DispensingView Load(SqliteConnection c, SqliteTransaction? t, long visitId)
    {
        var head = c.QuerySingleOrDefault<HeadRow>("""
            SELECT v.id AS VisitId, p.rm, p.name AS PatientName, p.sex, p.birth_date AS BirthDate, v.poli, po.name AS PoliName, v.payer,
                   v.visit_date AS VisitDate, v.status AS VisitStatus, COALESCE(u.full_name, e.clinician) AS Clinician,
                   h.handed_over_at AS HandedOverAt, h.handed_over_by AS HandedOverBy
            FROM visits v JOIN patients p ON p.id = v.patient_id JOIN poli po ON po.code = v.poli
            LEFT JOIN examinations e ON e.visit_id = v.id
            LEFT JOIN users u ON u.username = e.clinician
            LEFT JOIN dispense_handovers h ON h.visit_id = v.id
            WHERE v.id = @visitId
            """, new { visitId }, t) ?? throw new NotFoundException("visit.notFound", $"Kunjungan {visitId} tidak ditemukan.");
        var diagnoses = c.Query<string>("""
            SELECT d.code || ' ' || i.name_id FROM diagnoses d JOIN icd10 i ON i.code = d.code
            WHERE d.visit_id = @visitId AND d.voided_at IS NULL ORDER BY d.is_primary DESC, d.id
            """, new { visitId }, t).ToList();
        var prescriptions = c.Query<PrescriptionRow>("""
            SELECT r.id, r.visit_id AS VisitId, r.drug_code AS Drug, g.name AS DrugName, g.unit, r.dose, r.quantity, r.days, r.voided_at AS VoidedAt
            FROM prescriptions r JOIN drugs g ON g.code = r.drug_code
            WHERE r.visit_id = @visitId
              AND (r.voided_at IS NULL OR EXISTS (SELECT 1 FROM dispense_lines dl WHERE dl.prescription_id = r.id AND dl.voided_at IS NULL))
            ORDER BY r.id
            """, new { visitId }, t).ToList();
        var dispensed = c.Query<DispensedRow>("""
            SELECT dl.id, dl.prescription_id AS PrescriptionId, dl.drug_code AS Drug, g.name AS DrugName, g.unit, dl.quantity, dl.substitute,
                   dl.reason, dl.dispensed_date AS Date, dl.created_at AS CreatedAt, dl.created_by AS CreatedBy
            FROM dispense_lines dl JOIN drugs g ON g.code = dl.drug_code
            WHERE dl.visit_id = @visitId AND dl.voided_at IS NULL
            """, new { visitId }, t).ToDictionary(d => d.PrescriptionId);
        var batches = c.Query<(long LineId, long BatchId, string Batch, string Expiry, int Quantity)>("""
            SELECT l.dispense_line_id, l.batch_id, b.batch_number, b.expiry_date, -l.quantity
            FROM stock_ledger l JOIN stock_batches b ON b.id = l.batch_id JOIN dispense_lines dl ON dl.id = l.dispense_line_id
            WHERE dl.visit_id = @visitId AND dl.voided_at IS NULL
            ORDER BY b.expiry_date, l.id
            """, new { visitId }, t).ToLookup(b => b.LineId);
        var stock = UsableStock(c, prescriptions.Select(p => p.Drug).Distinct(), clock.Today, t);
        var lines = prescriptions.Select(p => new DispensingLineView
        {
            PrescriptionId = p.Id, Drug = p.Drug, DrugName = p.DrugName, Unit = p.Unit, Dose = p.Dose, Quantity = p.Quantity, Days = p.Days,
            PrescriptionVoided = p.VoidedAt is not null, Available = stock.GetValueOrDefault(p.Drug),
            Dispensed = dispensed.TryGetValue(p.Id, out var d)
                ? new DispensedLine
                {
                    Id = d.Id, Drug = d.Drug, DrugName = d.DrugName, Unit = d.Unit, Quantity = d.Quantity, Substitute = d.Substitute, Reason = d.Reason,
                    Date = PharmacyClock.ParseDate(d.Date), CreatedAt = DapperSetup.ParseInstant(d.CreatedAt), CreatedBy = d.CreatedBy,
                    Batches = batches[d.Id].Select(b => new DispensedBatch(b.BatchId, b.Batch, PharmacyClock.ParseDate(b.Expiry), b.Quantity)).ToList(),
                }
                : null,
        }).ToList();
        var live = lines.Where(l => !l.PrescriptionVoided).ToList();
        var processed = live.Count(l => l.Dispensed is not null);
        return new DispensingView
        {
            VisitId = head.VisitId, Rm = head.Rm, PatientName = head.PatientName, Sex = head.Sex, BirthDate = PharmacyClock.ParseDate(head.BirthDate),
            Poli = head.Poli, PoliName = head.PoliName, Payer = head.Payer, VisitDate = PharmacyClock.ParseDate(head.VisitDate), VisitStatus = head.VisitStatus,
            Clinician = head.Clinician, Diagnoses = diagnoses,
            Status = StatusOf(live.Count, processed, head.HandedOverAt is not null),
            HandedOverAt = head.HandedOverAt is null ? null : DapperSetup.ParseInstant(head.HandedOverAt), HandedOverBy = head.HandedOverBy,
            Lines = lines,
        };
    }

    internal static string StatusOf(int lines, int processed, bool handedOver) =>
        handedOver ? DispensingStatuses.HandedOver
        : processed == 0 ? DispensingStatuses.Waiting
        : processed < lines ? DispensingStatuses.Partial
        : DispensingStatuses.Ready;

    private static Dictionary<string, int> UsableStock(SqliteConnection c, IEnumerable<string> codes, DateOnly today, SqliteTransaction? t = null)
    {
        var list = codes.ToList();
        if (list.Count == 0)
        {
            return [];
        }
        return c.Query<(string Drug, int OnHand)>("""
            SELECT drug_code, SUM(on_hand) FROM stock_batches WHERE drug_code IN @list AND expiry_date >= @today GROUP BY drug_code
            """, new { list, today }, t).ToDictionary(r => r.Drug, r => r.OnHand, StringComparer.Ordinal);
    }

    private sealed class WorkRow
    {
        public long VisitId { get; init; }
        public int QueueNumber { get; init; }
        public string QueueLabel { get; init; } = "";
        public string Rm { get; init; } = "";
        public string PatientName { get; init; } = "";
        public string Poli { get; init; } = "";
        public string PoliName { get; init; } = "";
        public string Payer { get; init; } = "";
        public string VisitStatus { get; init; } = "";
        public string PrescribedAt { get; init; } = "";
        public string? Clinician { get; init; }
        public int Lines { get; init; }
        public int Processed { get; init; }
        public string? HandedOverAt { get; init; }

        public DispensingWorkItem ToItem(int shortLines) => new()
        {
            VisitId = VisitId, QueueNumber = QueueNumber, QueueLabel = QueueLabel, Rm = Rm, PatientName = PatientName, Poli = Poli, PoliName = PoliName, Payer = Payer,
            VisitStatus = VisitStatus, PrescribedAt = DapperSetup.ParseInstant(PrescribedAt), Clinician = Clinician, Lines = Lines, Processed = Processed,
            ShortLines = shortLines, Status = StatusOf(Lines, Processed, HandedOverAt is not null),
            HandedOverAt = HandedOverAt is null ? null : DapperSetup.ParseInstant(HandedOverAt),
        };
    }

    private sealed class HeadRow
    {
        public long VisitId { get; init; }
        public string Rm { get; init; } = "";
        public string PatientName { get; init; } = "";
        public string Sex { get; init; } = "";
        public string BirthDate { get; init; } = "";
        public string Poli { get; init; } = "";
        public string PoliName { get; init; } = "";
        public string Payer { get; init; } = "";
        public string VisitDate { get; init; } = "";
        public string VisitStatus { get; init; } = "";
        public string? Clinician { get; init; }
        public string? HandedOverAt { get; init; }
        public string? HandedOverBy { get; init; }
    }

    private sealed class PrescriptionRow
    {
        public long Id { get; init; }
        public long VisitId { get; init; }
        public string Drug { get; init; } = "";
        public string DrugName { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Dose { get; init; } = "";
        public double Quantity { get; init; }
        public int? Days { get; init; }
        public string? VoidedAt { get; init; }
        public string? VisitStatus { get; init; }
    }

    private sealed class DispensedRow
    {
        public long Id { get; init; }
        public long PrescriptionId { get; init; }
        public string Drug { get; init; } = "";
        public string DrugName { get; init; } = "";
        public string Unit { get; init; } = "";
        public int Quantity { get; init; }
        public bool Substitute { get; init; }
        public string? Reason { get; init; }
        public string Date { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string CreatedBy { get; init; } = "";
    }
}
