using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Examinations;
using Simpus.Core.Visits;

namespace Simpus.Core.Kia;

/// <summary>
/// KIA records of a visit: antenatal care (gestational week, visit number, risk flags), delivery, postnatal (KF) and
/// neonatal (KN) visits, immunisations and child growth. Same write rules as the examination record.
/// </summary>
public sealed class KiaService(Database db, VisitService visits, TimeProvider clock)
{
    private const string ReplacedReason = "Dihapus saat catatan KIA diubah";

    public KiaRecord Get(long visitId)
    {
        var visit = visits.GetRequired(visitId);
        using var c = db.Open();
        return Load(c, visit);
    }

    public KiaRecord Save(long visitId, KiaInput input, ClinicalActor actor)
    {
        var visit = visits.GetRequired(visitId);
        string? recordedBy;
        long patientId;
        using (var c = db.Open())
        {
            recordedBy = c.ExecuteScalar<string?>("SELECT clinician FROM examinations WHERE visit_id = @visitId", new { visitId });
            patientId = c.ExecuteScalar<long>("SELECT patient_id FROM visits WHERE id = @visitId", new { visitId });
        }
        ClinicalAccess.CheckWrite(visit, actor, recordedBy);
        var age = Age.At(visit.BirthDate, visit.VisitDate);
        var v = new Validation();
        var female = visit.Sex == "P";

        int? week = null, number = null;
        string? flags = null;
        if (input.Antenatal is { } anc)
        {
            if (!female || age.Years is < 10 or > 55)
            {
                v.Add("antenatal", "antenatal.notPregnantAge", "Pemeriksaan kehamilan hanya untuk pasien perempuan usia 10–55 tahun.");
            }
            week = anc.GestationalWeek;
            if (week is not (>= 1 and <= 45))
            {
                v.Add("antenatal.gestationalWeek", "gestationalWeek.range", "Usia kehamilan wajib diisi: 1–45 minggu.");
            }
            number = anc.VisitNumber;
            if (number is { } n && n is < 1 or > 20)
            {
                v.Add("antenatal.visitNumber", "visitNumber.range", "Kunjungan ke- harus 1–20.");
            }
            var wanted = (anc.RiskFlags ?? []).Select(f => Text.Clean(f)?.ToLowerInvariant()).ToList();
            var unknown = wanted.Where(f => f is null || !KiaCodes.RiskFlags.Contains(f)).ToList();
            if (unknown.Count > 0)
            {
                v.Add("antenatal.riskFlags", "riskFlags.unknown", "Faktor risiko tidak dikenal: " + string.Join(", ", unknown) + ". Pilihan: " + string.Join(", ", KiaCodes.RiskFlags) + ".");
            }
            flags = wanted.Count == 0 ? null : string.Join(",", wanted.Distinct());
        }

        DateOnly? deliveryDate = null;
        string? place = null;
        if (input.Delivery is { } del)
        {
            if (!female)
            {
                v.Add("delivery", "delivery.female", "Persalinan hanya untuk pasien perempuan.");
            }
            if (!DateOnly.TryParseExact(Text.Clean(del.DeliveryDate) ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dd))
            {
                v.Add("delivery.deliveryDate", "deliveryDate.format", "Tanggal persalinan wajib diisi (yyyy-MM-dd).");
            }
            else if (dd > visit.VisitDate || dd < visit.VisitDate.AddDays(-60))
            {
                v.Add("delivery.deliveryDate", "deliveryDate.range", "Tanggal persalinan harus pada atau sampai 60 hari sebelum tanggal kunjungan.");
            }
            else
            {
                deliveryDate = dd;
            }
            place = Text.Clean(del.Place)?.ToLowerInvariant();
            if (place is null || !KiaCodes.Places.Contains(place))
            {
                v.Add("delivery.place", "place.unknown", "Tempat persalinan: puskesmas, rumah_sakit, pmb, rumah atau lainnya.");
            }
            if (del.ByHealthWorker is null)
            {
                v.Add("delivery.byHealthWorker", "byHealthWorker.required", "Isi apakah persalinan ditolong tenaga kesehatan.");
            }
        }
        if (input.Kf is { } kf && (kf is < 1 or > 4 || !female))
        {
            v.Add("kf", "kf.range", female ? "Kunjungan nifas KF harus 1–4." : "Kunjungan nifas hanya untuk ibu.");
        }
        if (input.Kn is { } kn)
        {
            if (kn is < 1 or > 3)
            {
                v.Add("kn", "kn.range", "Kunjungan neonatal KN harus 1–3.");
            }
            else if (age.TotalDays > 28)
            {
                v.Add("kn", "kn.age", "Kunjungan neonatal hanya untuk bayi usia 0–28 hari.");
            }
        }
        var immunizations = new List<(string Antigen, int Dose)>();
        var imm = input.Immunizations ?? [];
        for (var i = 0; i < imm.Count; i++)
        {
            var antigen = Text.Clean(imm[i]?.Antigen)?.ToUpperInvariant();
            if (antigen is null || !KiaCodes.Antigens.Contains(antigen))
            {
                v.Add($"immunizations[{i}].antigen", "antigen.unknown", "Antigen tidak dikenal. Pilihan: " + string.Join(", ", KiaCodes.Antigens) + ".");
                continue;
            }
            if (imm[i]!.Dose is not (>= 1 and <= 5))
            {
                v.Add($"immunizations[{i}].dose", "dose.range", "Dosis ke- harus 1–5.");
                continue;
            }
            if (immunizations.Contains((antigen, imm[i]!.Dose!.Value)))
            {
                v.Add($"immunizations[{i}].antigen", "immunization.duplicate", $"{antigen} dosis {imm[i]!.Dose} tercatat dua kali.");
                continue;
            }
            immunizations.Add((antigen, imm[i]!.Dose!.Value));
        }
        if (input.Growth is { } g)
        {
            if (age.Years >= 6)
            {
                v.Add("growth", "growth.age", "Penimbangan balita untuk anak di bawah 6 tahun; untuk pasien lain isi berat badan di tanda vital.");
            }
            if (g.Weight is not (>= 0.3 and <= 60))
            {
                v.Add("growth.weight", "growth.weight.range", "Berat badan anak wajib diisi: 0,3–60 kg.");
            }
            if (g.Height is { } h && h is < 20 or > 150)
            {
                v.Add("growth.height", "growth.height.range", "Tinggi/panjang badan anak harus 20–150 cm.");
            }
        }
        v.ThrowIfAny();
        if (visit.Status == VisitStatuses.Arrived)
        {
            visit = visits.ChangeStatus(visitId, new StatusInput { Status = VisitStatuses.InProgress }, actor.Username);
        }
        var correction = visit.Status == VisitStatuses.Finished;
        var now = clock.GetUtcNow();
        var user = actor.Username;
        db.InTransaction((c, t) =>
        {
            void Audit(string entity, long? id, string field, string? oldValue, string? newValue)
            {
                if (correction && oldValue != newValue)
                {
                    c.Execute("""
                        INSERT INTO clinical_audit (visit_id, changed_at, changed_by, entity, entity_id, field, old_value, new_value)
                        VALUES (@visitId, @now, @user, @entity, @id, @field, @oldValue, @newValue)
                        """, new { visitId, now, user, entity, id, field, oldValue, newValue }, t);
                }
            }

            if (input.Antenatal is not null)
            {
                number ??= NextAntenatalNumber(c, t, patientId, visit);
            }
            Upsert(c, t, "kia_antenatal", visitId, input.Antenatal is null ? null : new Dictionary<string, object?>
            {
                ["gestational_week"] = week, ["visit_number"] = number, ["risk_flags"] = flags,
            }, patientId, now, user, Audit);
            var deliveryValues = input.Delivery is null ? null : new Dictionary<string, object?>
            {
                ["delivery_date"] = DapperSetup.FormatDate(deliveryDate!.Value), ["place"] = place, ["by_health_worker"] = input.Delivery.ByHealthWorker == true ? 1 : 0,
            };
            Upsert(c, t, "kia_deliveries", visitId, deliveryValues, patientId, now, user, Audit);
            Upsert(c, t, "kia_postnatal", visitId, input.Kf is null ? null : new Dictionary<string, object?> { ["kf_number"] = input.Kf }, patientId, now, user, Audit);
            Upsert(c, t, "kia_neonatal", visitId, input.Kn is null ? null : new Dictionary<string, object?> { ["kn_number"] = input.Kn }, patientId, now, user, Audit);
            Upsert(c, t, "kia_growth", visitId, input.Growth is null ? null : new Dictionary<string, object?>
            {
                ["weight"] = input.Growth.Weight, ["height"] = input.Growth.Height,
            }, patientId, now, user, Audit);

            var live = c.Query<(long Id, string Antigen, long Dose)>(
                "SELECT id, antigen, dose FROM kia_immunizations WHERE visit_id = @visitId AND voided_at IS NULL", new { visitId }, t).ToList();
            foreach (var old in live.Where(o => !immunizations.Contains((o.Antigen, (int)o.Dose))))
            {
                c.Execute("UPDATE kia_immunizations SET voided_at = @now, voided_by = @user, void_reason = @ReplacedReason WHERE id = @Id",
                    new { now, user, ReplacedReason, old.Id }, t);
                Audit("kia_immunizations", old.Id, "voided", $"{old.Antigen} {old.Dose}", ReplacedReason);
            }
            foreach (var (antigen, dose) in immunizations.Where(w => !live.Any(o => o.Antigen == w.Antigen && o.Dose == w.Dose)))
            {
                var id = c.ExecuteScalar<long>("""
                    INSERT INTO kia_immunizations (visit_id, patient_id, antigen, dose, given_date) VALUES (@visitId, @patientId, @antigen, @dose, @date) RETURNING id
                    """, new { visitId, patientId, antigen, dose, date = visit.VisitDate }, t);
                Audit("kia_immunizations", id, "added", null, $"{antigen} {dose}");
            }
        });
        return Get(visitId);
    }

    /// <summary>
    /// One row per visit in these tables (visit_id is unique even for voided rows): update in place,
    /// void when the section is left out, revive a voided row when it comes back.
    /// </summary>
    private static void Upsert(SqliteConnection c, SqliteTransaction t, string table, long visitId, Dictionary<string, object?>? values,
        long patientId, DateTimeOffset now, string user, Action<string, long?, string, string?, string?> audit)
    {
        var columns = values?.Keys.ToList() ?? [];
        var existing = c.QueryFirstOrDefault($"SELECT * FROM {table} WHERE visit_id = @visitId ORDER BY voided_at IS NULL DESC, id DESC LIMIT 1", new { visitId }, t)
            as IDictionary<string, object?>;
        if (values is null)
        {
            if (existing is not null && existing["voided_at"] is null)
            {
                c.Execute($"UPDATE {table} SET voided_at = @now, voided_by = @user, void_reason = @ReplacedReason WHERE id = @id",
                    new { now, user, ReplacedReason, id = existing["id"] }, t);
                audit(table, (long)existing["id"]!, "voided", null, ReplacedReason);
            }
            return;
        }
        var parameters = new DynamicParameters(values);
        parameters.Add("visitId", visitId);
        parameters.Add("patientId", patientId);
        if (existing is null)
        {
            var id = c.ExecuteScalar<long>(
                $"INSERT INTO {table} (visit_id, patient_id, {string.Join(", ", columns)}) VALUES (@visitId, @patientId, {string.Join(", ", columns.Select(k => "@" + k))}) RETURNING id",
                parameters, t);
            audit(table, id, "added", null, string.Join(", ", values.Select(kv => $"{kv.Key}={Format(kv.Value)}")));
            return;
        }
        var rowId = (long)existing["id"]!;
        parameters.Add("id", rowId);
        c.Execute($"UPDATE {table} SET {string.Join(", ", columns.Select(k => $"{k} = @{k}"))}, voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = @id",
            parameters, t);
        foreach (var k in columns)
        {
            audit(table, rowId, k, existing["voided_at"] is null ? Format(existing[k]) : null, Format(values[k]));
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Antenatal contacts of the current pregnancy: after the last delivery and within the last 300 days, plus one.</summary>
    private static int NextAntenatalNumber(SqliteConnection c, SqliteTransaction? t, long patientId, Visit visit)
    {
        var from = visit.VisitDate.AddDays(-300);
        return 1 + c.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM kia_antenatal a JOIN visits v ON v.id = a.visit_id
            WHERE a.patient_id = @patientId AND a.voided_at IS NULL AND a.visit_id <> @Id AND v.status <> 'cancelled'
              AND v.visit_date >= @from AND v.arrived_at < @ArrivedAt
              AND v.visit_date > COALESCE((SELECT MAX(delivery_date) FROM kia_deliveries d
                                           WHERE d.patient_id = @patientId AND d.voided_at IS NULL AND d.delivery_date <= @VisitDate), '0000-00-00')
            """, new { patientId, visit.Id, from, visit.ArrivedAt, visit.VisitDate }, t);
    }

    private KiaRecord Load(SqliteConnection c, Visit visit)
    {
        var id = visit.Id;
        var anc = c.QueryFirstOrDefault<(long Id, long Week, long Number, string? Flags)?>(
            "SELECT id, gestational_week, visit_number, risk_flags FROM kia_antenatal WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var delivery = c.QueryFirstOrDefault<(long Id, string Date, string Place, long ByHw)?>(
            "SELECT id, delivery_date, place, by_health_worker FROM kia_deliveries WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var kf = c.ExecuteScalar<long?>("SELECT kf_number FROM kia_postnatal WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var kn = c.ExecuteScalar<long?>("SELECT kn_number FROM kia_neonatal WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var growth = c.QueryFirstOrDefault<(double Weight, double? Height)?>("SELECT weight, height FROM kia_growth WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var imm = c.Query<(long Id, string Antigen, long Dose, string Date)>(
            "SELECT id, antigen, dose, given_date FROM kia_immunizations WHERE visit_id = @id AND voided_at IS NULL ORDER BY id", new { id });
        var patientId = c.ExecuteScalar<long>("SELECT patient_id FROM visits WHERE id = @id", new { id });
        return new KiaRecord
        {
            VisitId = id,
            Antenatal = anc is { } a ? new AntenatalView
            {
                Id = a.Id, GestationalWeek = (int)a.Week, VisitNumber = (int)a.Number,
                RiskFlags = a.Flags?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
            } : null,
            Delivery = delivery is { } d ? new DeliveryView
            {
                Id = d.Id, DeliveryDate = DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), Place = d.Place, ByHealthWorker = d.ByHw == 1,
            } : null,
            Kf = (int?)kf,
            Kn = (int?)kn,
            Growth = growth is { } g ? new GrowthView { Weight = g.Weight, Height = g.Height } : null,
            Immunizations = imm.Select(i => new ImmunizationView
            {
                Id = i.Id, Antigen = i.Antigen, Dose = (int)i.Dose, GivenDate = DateOnly.ParseExact(i.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToList(),
            SuggestedAntenatalVisitNumber = anc is { } existing ? (int)existing.Number : NextAntenatalNumber(c, null, patientId, visit),
        };
    }
}
