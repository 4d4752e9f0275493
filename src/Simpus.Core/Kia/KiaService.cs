using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Examinations;
using Simpus.Core.Settings;
using Simpus.Core.Visits;

namespace Simpus.Core.Kia;

/// <summary>
/// KIA records of a visit: the antenatal contact of a pregnancy of the kohort ibu (who gave it, LILA, Hb, TFU, DJJ,
/// presentation, Td status; the pregnancy's HPHT or gestational age, gravida-para-abortus and risk factors), delivery
/// (helper and place), postnatal (KF) and neonatal (KN) visits, immunisations and child growth. Same write rules as
/// the examination record.
/// </summary>
public sealed class KiaService(Database db, VisitService visits, SettingsStore settings, TimeProvider clock)
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

        CleanAntenatal? anc = null;
        if (input.Antenatal is { } a)
        {
            if (!female || age.Years is < 10 or > 55)
            {
                v.Add("antenatal", "antenatal.notPregnantAge", "Pemeriksaan kehamilan hanya untuk pasien perempuan usia 10–55 tahun.");
            }
            anc = ValidateAntenatal(a, visit.VisitDate, v);
        }

        DateOnly? deliveryDate = null;
        string? place = null, helper = null;
        var byHealthWorker = false;
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
            if (place is null || !DeliveryCodes.Places.Contains(place))
            {
                v.Add("delivery.place", "place.unknown", "Tempat persalinan: puskesmas, rumah_sakit, klinik, pmb, polindes, rumah atau lainnya.");
            }
            helper = Text.Clean(del.Helper)?.ToLowerInvariant();
            if (helper is not null && !DeliveryCodes.Helpers.Contains(helper))
            {
                v.Add("delivery.helper", "helper.unknown", "Penolong persalinan: dokter, bidan, perawat, dukun, keluarga atau lainnya.");
            }
            else if (helper is null && del.ByHealthWorker is null)
            {
                v.Add("delivery.helper", "helper.required", "Isi penolong persalinan (dokter, bidan, perawat, dukun, keluarga atau lainnya).");
            }
            else if (helper is not null && del.ByHealthWorker is { } claimed && claimed != DeliveryCodes.HealthWorkers.Contains(helper))
            {
                v.Add("delivery.byHealthWorker", "byHealthWorker.mismatch", $"Penolong '{helper}' {(claimed ? "bukan" : "adalah")} tenaga kesehatan; sesuaikan isian.");
            }
            byHealthWorker = helper is not null ? DeliveryCodes.HealthWorkers.Contains(helper) : del.ByHealthWorker == true;
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
        if (anc is not null && !v.HasErrors)
        {
            using var check = db.Open();
            var plan = PlanPregnancy(check, null, visit, patientId, anc, input.Antenatal?.NewPregnancy == true);
            var dating = new PregnancyDating(PregnancyRow.Date(plan.Lmp), plan.DatedWeek, PregnancyRow.Date(plan.DatedOn));
            if (dating.WeekOn(visit.VisitDate) is { } w && w is < 1 or > 45)
            {
                v.Add(anc.Lmp is null ? "antenatal.gestationalWeek" : "antenatal.lmp", "gestationalWeek.range",
                    $"Usia kehamilan pada tanggal kunjungan menjadi {w} minggu; harus 1–45 minggu. Periksa HPHT/usia kehamilan atau tandai kehamilan baru.");
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

            SaveAntenatal(c, t, visit, patientId, anc, input.Antenatal?.NewPregnancy == true, now, user, Audit);
            var previousDelivery = c.QueryFirstOrDefault<(long Id, long? PregnancyId)?>(
                "SELECT id, pregnancy_id FROM kia_deliveries WHERE visit_id = @visitId AND voided_at IS NULL", new { visitId }, t);
            long? deliveryPregnancy = null;
            if (input.Delivery is not null)
            {
                deliveryPregnancy = previousDelivery?.PregnancyId
                    ?? Pregnancies.OpenOn(c, t, patientId, deliveryDate!.Value)?.Id
                    ?? c.ExecuteScalar<long?>("SELECT pregnancy_id FROM kia_antenatal_contacts WHERE visit_id = @visitId AND voided_at IS NULL", new { visitId }, t);
            }
            var deliveryValues = input.Delivery is null ? null : new Dictionary<string, object?>
            {
                ["delivery_date"] = DapperSetup.FormatDate(deliveryDate!.Value), ["place"] = place, ["helper"] = helper,
                ["by_health_worker"] = byHealthWorker ? 1 : 0, ["pregnancy_id"] = deliveryPregnancy,
            };
            Upsert(c, t, "kia_deliveries", visitId, deliveryValues, patientId, now, user, Audit);
            foreach (var pregnancy in new[] { previousDelivery?.PregnancyId, deliveryPregnancy }.OfType<long>().Distinct())
            {
                CloseByDelivery(c, t, pregnancy, now);
            }
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

    private sealed record CleanAntenatal(string GivenBy, DateOnly? Lmp, int? Week, int? Gravida, int? Para, int? Abortus, string? Flags,
        double? Muac, double? Hb, double? FundalHeight, int? FetalHeartRate, string? Presentation, string? TdStatus);

    private static CleanAntenatal ValidateAntenatal(AntenatalInput a, DateOnly visitDate, Validation v)
    {
        var givenBy = Text.Clean(a.GivenBy)?.ToLowerInvariant();
        if (givenBy is null || !AncGivers.All.Contains(givenBy))
        {
            v.Add("antenatal.givenBy", "givenBy.required", "Isi siapa yang memeriksa kehamilan: dokter atau bidan.");
        }
        DateOnly? lmp = null;
        if (Text.Clean(a.Lmp) is { } lmpText)
        {
            if (!DateOnly.TryParseExact(lmpText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                v.Add("antenatal.lmp", "lmp.format", "HPHT harus tanggal (yyyy-MM-dd).");
            }
            else if (parsed >= visitDate)
            {
                v.Add("antenatal.lmp", "lmp.future", "HPHT harus sebelum tanggal kunjungan.");
            }
            else if ((visitDate.DayNumber - parsed.DayNumber) / 7 is var weeks && weeks is < 1 or > 45)
            {
                v.Add("antenatal.lmp", "lmp.range", $"Dengan HPHT ini usia kehamilan pada tanggal kunjungan {weeks} minggu; harus 1–45 minggu.");
            }
            else
            {
                lmp = parsed;
            }
        }
        if (a.GestationalWeek is { } week && week is < 1 or > 45)
        {
            v.Add("antenatal.gestationalWeek", "gestationalWeek.range", "Usia kehamilan harus 1–45 minggu.");
        }
        if (a.Gravida is { } g && g is < 1 or > 20)
        {
            v.Add("antenatal.gravida", "gravida.range", "Gravida (kehamilan ke-) harus 1–20.");
        }
        if (a.Para is { } para && para is < 0 or > 20)
        {
            v.Add("antenatal.para", "para.range", "Para (jumlah persalinan) harus 0–20.");
        }
        if (a.Abortus is { } ab && ab is < 0 or > 20)
        {
            v.Add("antenatal.abortus", "abortus.range", "Abortus (jumlah keguguran) harus 0–20.");
        }
        if (!v.Has("antenatal.gravida") && !v.Has("antenatal.para") && !v.Has("antenatal.abortus")
            && a.Gravida is { } gr && (a.Para ?? 0) + (a.Abortus ?? 0) >= gr)
        {
            v.Add("antenatal.gravida", "gpa.inconsistent",
                $"G{gr} P{a.Para ?? 0} A{a.Abortus ?? 0} tidak cocok: para + abortus harus lebih kecil dari gravida (gravida termasuk kehamilan ini).");
        }
        if ((a.Para is not null || a.Abortus is not null) && a.Gravida is null)
        {
            v.Add("antenatal.gravida", "gravida.required", "Isi gravida (kehamilan ke-) bersama para dan abortus.");
        }
        var wanted = (a.RiskFlags ?? []).Select(f => Text.Clean(f)?.ToLowerInvariant()).ToList();
        var unknown = wanted.Where(f => f is null || !KiaCodes.RiskFlags.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("antenatal.riskFlags", "riskFlags.unknown", "Faktor risiko tidak dikenal: " + string.Join(", ", unknown.Select(u => u ?? "(kosong)")) + ".");
        }
        if (a.Muac is { } muac && (double.IsNaN(muac) || muac is < 10 or > 50))
        {
            v.Add("antenatal.muac", "muac.range", "LILA harus 10–50 cm (KEK bila kurang dari 23,5 cm).");
        }
        if (a.Hb is { } hb && (double.IsNaN(hb) || hb is < 3 or > 20))
        {
            v.Add("antenatal.hb", "hb.range", "Hb harus 3–20 g/dL (anemia bila kurang dari 11 g/dL).");
        }
        if (a.FundalHeight is { } tfu && (double.IsNaN(tfu) || tfu is < 5 or > 50))
        {
            v.Add("antenatal.fundalHeight", "fundalHeight.range", "TFU (tinggi fundus uteri) harus 5–50 cm.");
        }
        if (a.FetalHeartRate is { } djj && djj is < 60 or > 220)
        {
            v.Add("antenatal.fetalHeartRate", "fetalHeartRate.range", "DJJ (denyut jantung janin) harus 60–220 kali per menit (normal 120–160).");
        }
        var presentation = Text.Clean(a.Presentation)?.ToLowerInvariant();
        if (presentation is not null && !KiaCodes.Presentations.Contains(presentation))
        {
            v.Add("antenatal.presentation", "presentation.unknown", "Presentasi janin: kepala, bokong, lintang, atau belum teraba.");
        }
        var td = Text.Clean(a.TdStatus)?.ToUpperInvariant();
        if (td is not null && !KiaCodes.TdStatuses.Contains(td))
        {
            v.Add("antenatal.tdStatus", "tdStatus.unknown", "Status imunisasi Td: T0, T1, T2, T3, T4 atau T5.");
        }
        var flags = wanted.OfType<string>().Distinct().ToList();
        return new CleanAntenatal(givenBy ?? AncGivers.Midwife, lmp, a.GestationalWeek, a.Gravida, a.Gravida is null ? null : a.Para ?? 0,
            a.Gravida is null ? null : a.Abortus ?? 0, a.RiskFlags is null ? null : string.Join(",", flags),
            a.Muac, a.Hb, a.FundalHeight, a.FetalHeartRate, presentation, td);
    }

    /// <summary>
    /// The visit's antenatal contact: it joins the woman's pregnancy still open on the visit date (a new one when there is
    /// none, or when asked), updates the pregnancy's data that were given, and voids the contact when the section is left out.
    /// </summary>
    private static void SaveAntenatal(SqliteConnection c, SqliteTransaction t, Visit visit, long patientId, CleanAntenatal? anc, bool newPregnancy,
        DateTimeOffset now, string user, Action<string, long?, string, string?, string?> audit)
    {
        var visitId = visit.Id;
        var existing = c.QueryFirstOrDefault<(long Id, long PregnancyId, string? VoidedAt)?>(
            "SELECT id, pregnancy_id, voided_at FROM kia_antenatal_contacts WHERE visit_id = @visitId", new { visitId }, t);
        if (anc is null)
        {
            if (existing is { VoidedAt: null } live)
            {
                c.Execute("UPDATE kia_antenatal_contacts SET voided_at = @now, voided_by = @user, void_reason = @ReplacedReason WHERE id = @Id",
                    new { now, user, ReplacedReason, live.Id }, t);
                audit("kia_antenatal_contacts", live.Id, "voided", null, ReplacedReason);
                VoidIfEmpty(c, t, live.PregnancyId, now, user);
            }
            return;
        }

        var plan = PlanPregnancy(c, t, visit, patientId, anc, newPregnancy);
        var pregnancy = plan.Existing;
        if (pregnancy is null)
        {
            var id = c.ExecuteScalar<long>("""
                INSERT INTO kia_pregnancies (patient_id, created_at, created_by, updated_at) VALUES (@patientId, @now, @user, @now) RETURNING id
                """, new { patientId, now, user }, t);
            audit("kia_pregnancies", id, "added", null, "kehamilan baru");
            pregnancy = Pregnancies.ById(c, t, id)!;
        }
        var (lmp, datedWeek, datedOn, gravida, para, abortus, flags) = (plan.Lmp, plan.DatedWeek, plan.DatedOn, plan.Gravida, plan.Para, plan.Abortus, plan.Flags);
        c.Execute("""
            UPDATE kia_pregnancies SET lmp = @lmp, dated_week = @datedWeek, dated_on = @datedOn, gravida = @gravida, para = @para, abortus = @abortus,
                   risk_flags = @flags, updated_at = @now
            WHERE id = @Id
            """, new { lmp, datedWeek, datedOn, gravida, para, abortus, flags, now, pregnancy.Id }, t);
        audit("kia_pregnancies", pregnancy.Id, "lmp", pregnancy.Lmp, lmp);
        audit("kia_pregnancies", pregnancy.Id, "dated_week", Format(pregnancy.DatedWeek), Format(datedWeek));
        audit("kia_pregnancies", pregnancy.Id, "gpa", Gpa(pregnancy.Gravida, pregnancy.Para, pregnancy.Abortus), Gpa(gravida, para, abortus));
        audit("kia_pregnancies", pregnancy.Id, "risk_flags", pregnancy.RiskFlags, flags);

        var values = new Dictionary<string, object?>
        {
            ["pregnancy_id"] = pregnancy.Id, ["given_by"] = anc.GivenBy, ["muac"] = anc.Muac, ["hb"] = anc.Hb, ["fundal_height"] = anc.FundalHeight,
            ["fetal_heart"] = anc.FetalHeartRate, ["presentation"] = anc.Presentation, ["td_status"] = anc.TdStatus,
        };
        Upsert(c, t, "kia_antenatal_contacts", visitId, values, patientId, now, user, audit);
        if (existing is { } before && before.PregnancyId != pregnancy.Id)
        {
            VoidIfEmpty(c, t, before.PregnancyId, now, user);
        }
    }

    private sealed record PregnancyPlan(PregnancyRow? Existing, string? Lmp, int? DatedWeek, string? DatedOn, int? Gravida, int? Para, int? Abortus, string? Flags);

    /// <summary>
    /// Which pregnancy the visit's contact belongs to (its earlier pregnancy, else the one still open on the visit date, else
    /// a new one: <see cref="PregnancyPlan.Existing"/> null) and the pregnancy's data after this input: what was given
    /// replaces what was kept; a gestational age dates the pregnancy only when there is no HPHT and the pregnancy is undated
    /// or was dated on this very day.
    /// </summary>
    private static PregnancyPlan PlanPregnancy(SqliteConnection c, SqliteTransaction? t, Visit visit, long patientId, CleanAntenatal anc, bool newPregnancy)
    {
        PregnancyRow? pregnancy = null;
        if (!newPregnancy)
        {
            var existing = c.ExecuteScalar<long?>("SELECT pregnancy_id FROM kia_antenatal_contacts WHERE visit_id = @Id", new { visit.Id }, t);
            pregnancy = existing is { } e && Pregnancies.ById(c, t, e) is { VoidedAt: null } kept ? kept : Pregnancies.OpenOn(c, t, patientId, visit.VisitDate);
        }
        var lmp = anc.Lmp is { } l ? DapperSetup.FormatDate(l) : pregnancy?.Lmp;
        var datedWeek = pregnancy?.DatedWeek;
        var datedOn = pregnancy?.DatedOn;
        var visitDay = DapperSetup.FormatDate(visit.VisitDate);
        if (anc.Lmp is null && anc.Week is { } week && lmp is null && (datedWeek is null || datedOn == visitDay))
        {
            datedWeek = week;
            datedOn = visitDay;
        }
        return new PregnancyPlan(pregnancy, lmp, datedWeek, datedOn,
            anc.Gravida ?? pregnancy?.Gravida, anc.Gravida is null ? pregnancy?.Para : anc.Para, anc.Gravida is null ? pregnancy?.Abortus : anc.Abortus,
            anc.Flags is null ? pregnancy?.RiskFlags : anc.Flags.Length == 0 ? null : anc.Flags);
    }

    private static string? Gpa(int? g, int? p, int? a) => g is null ? null : $"G{g}P{p ?? 0}A{a ?? 0}";

    /// <summary>A pregnancy left without a live contact or delivery (its only contact was removed) is voided.</summary>
    private static void VoidIfEmpty(SqliteConnection c, SqliteTransaction t, long pregnancyId, DateTimeOffset now, string user) =>
        c.Execute("""
            UPDATE kia_pregnancies SET voided_at = @now, voided_by = @user, void_reason = @ReplacedReason
            WHERE id = @pregnancyId AND voided_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM kia_antenatal_contacts WHERE pregnancy_id = @pregnancyId AND voided_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM kia_deliveries WHERE pregnancy_id = @pregnancyId AND voided_at IS NULL)
            """, new { pregnancyId, now, user, ReplacedReason }, t);

    /// <summary>A delivery ends its pregnancy on the delivery date; without a live delivery the pregnancy is open again.</summary>
    private static void CloseByDelivery(SqliteConnection c, SqliteTransaction t, long pregnancyId, DateTimeOffset now) =>
        c.Execute("""
            UPDATE kia_pregnancies
            SET ended_on = (SELECT MIN(delivery_date) FROM kia_deliveries WHERE pregnancy_id = @pregnancyId AND voided_at IS NULL),
                end_kind = CASE WHEN EXISTS (SELECT 1 FROM kia_deliveries WHERE pregnancy_id = @pregnancyId AND voided_at IS NULL) THEN 'persalinan' END,
                updated_at = @now
            WHERE id = @pregnancyId AND (end_kind IS NULL OR end_kind = 'persalinan')
            """, new { pregnancyId, now }, t);

    private KiaRecord Load(SqliteConnection c, Visit visit)
    {
        var id = visit.Id;
        var anc = c.QueryFirstOrDefault<ContactRow>("""
            SELECT id, pregnancy_id AS PregnancyId, given_by AS GivenBy, muac, hb, fundal_height AS FundalHeight, fetal_heart AS FetalHeartRate,
                   presentation, td_status AS TdStatus
            FROM kia_antenatal_contacts WHERE visit_id = @id AND voided_at IS NULL
            """, new { id });
        var delivery = c.QueryFirstOrDefault<(long Id, string Date, string Place, string? Helper, long ByHw, long? PregnancyId)?>(
            "SELECT id, delivery_date, place, helper, by_health_worker, pregnancy_id FROM kia_deliveries WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var kf = c.ExecuteScalar<long?>("SELECT kf_number FROM kia_postnatal WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var kn = c.ExecuteScalar<long?>("SELECT kn_number FROM kia_neonatal WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var growth = c.QueryFirstOrDefault<(double Weight, double? Height)?>("SELECT weight, height FROM kia_growth WHERE visit_id = @id AND voided_at IS NULL", new { id });
        var imm = c.Query<(long Id, string Antigen, long Dose, string Date)>(
            "SELECT id, antigen, dose, given_date FROM kia_immunizations WHERE visit_id = @id AND voided_at IS NULL ORDER BY id", new { id });
        var patientId = c.ExecuteScalar<long>("SELECT patient_id FROM visits WHERE id = @id", new { id });

        var boundaries = TrimesterBoundaries.From(settings);
        var row = anc is not null ? Pregnancies.ById(c, null, anc.PregnancyId)
            : delivery?.PregnancyId is { } dp ? Pregnancies.ById(c, null, dp)
            : visit.Sex == "P" ? Pregnancies.OpenOn(c, null, patientId, visit.VisitDate) : null;
        var pregnancy = row is null ? null : Pregnancies.View(c, row, visit.VisitDate, boundaries);
        var contact = pregnancy?.Contacts.FirstOrDefault(k => k.VisitId == id);
        return new KiaRecord
        {
            VisitId = id,
            Antenatal = anc is { } a ? new AntenatalView
            {
                Id = a.Id, PregnancyId = a.PregnancyId, GivenBy = a.GivenBy, GestationalWeek = contact?.GestationalWeek, Trimester = contact?.Trimester,
                VisitNumber = contact?.VisitNumber ?? 1, Muac = a.Muac, Hb = a.Hb, FundalHeight = a.FundalHeight, FetalHeartRate = a.FetalHeartRate,
                Presentation = a.Presentation, TdStatus = a.TdStatus, RiskFlags = pregnancy?.RiskFlags ?? [],
            } : null,
            Delivery = delivery is { } d ? new DeliveryView
            {
                Id = d.Id, DeliveryDate = DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), Place = d.Place, Helper = d.Helper,
                ByHealthWorker = d.ByHw == 1, InFacility = DeliveryCodes.Facilities.Contains(d.Place),
            } : null,
            Kf = (int?)kf,
            Kn = (int?)kn,
            Growth = growth is { } g ? new GrowthView { Weight = g.Weight, Height = g.Height } : null,
            Immunizations = imm.Select(i => new ImmunizationView
            {
                Id = i.Id, Antigen = i.Antigen, Dose = (int)i.Dose, GivenDate = DateOnly.ParseExact(i.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToList(),
            SuggestedAntenatalVisitNumber = contact?.VisitNumber
                ?? 1 + (pregnancy is { EndedOn: null } open ? open.Contacts.Count(k => k.Date <= visit.VisitDate) : 0),
            Pregnancy = pregnancy,
        };
    }

    private sealed class ContactRow
    {
        public long Id { get; set; }
        public long PregnancyId { get; set; }
        public string GivenBy { get; set; } = "";
        public double? Muac { get; set; }
        public double? Hb { get; set; }
        public double? FundalHeight { get; set; }
        public int? FetalHeartRate { get; set; }
        public string? Presentation { get; set; }
        public string? TdStatus { get; set; }
    }
}
