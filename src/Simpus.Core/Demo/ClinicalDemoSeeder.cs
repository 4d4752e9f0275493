using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Ages;
using Simpus.Core.Catalogue;

namespace Simpus.Core.Demo;

/// <summary>
/// A year of examinations for the finished visits of the registration seeder: a believable disease mix per poli and age
/// (ISPA first, then hypertension, myalgia, dyspepsia, gastritis, dermatitis, diabetes ...), chronic patients coming back
/// (so Baru/Lama follow the history rule), vitals, prescriptions from the formulary, some referrals, and KIA records
/// (ANC with visit numbers, deliveries, KF, KN, immunisations, growth). One transaction with prepared inserts.
/// </summary>
public sealed class ClinicalDemoSeeder(Icd10Catalogue icd10, DrugCatalogue drugs) : IDemoSeeder
{
    public int Order => 20;

    public string Name => "pemeriksaan, diagnosis, resep dan KIA";

    private sealed record Rx(string Drug, string Dose, double Quantity, int? Days);

    private sealed record Disease(string Code, double Weight, string Complaint, Rx[] Drugs, string? Procedure = null, string? ProcedureCode = null,
        double ReferralChance = 0, bool Fever = false);

    private static Rx R(string drug, string dose, double qty, int? days = null) => new(drug, dose, qty, days);

    private static readonly Disease[] Adult =
    [
        new("J06.9", 24, "Batuk pilek sejak 3 hari, badan meriang", [R("OB001", "3x1", 10, 3), R("OB054", "3x1", 10, 3), R("OB060", "3x1", 10, 3)]),
        new("M79.1", 8, "Pegal linu seluruh badan", [R("OB006", "3x1", 10, 3), R("OB109", "1x1", 10, 10)]),
        new("K30", 7, "Perut kembung, mual setelah makan", [R("OB071", "3x1 sebelum makan", 15, 5), R("OB073", "2x1", 10, 5)]),
        new("K29.7", 6, "Nyeri ulu hati, perih", [R("OB074", "1x1 sebelum makan", 7, 7), R("OB071", "3x1", 15, 5)]),
        new("L30.9", 5, "Gatal kemerahan di kulit", [R("OB043", "oles 2x sehari", 1, 7), R("OB054", "3x1", 10, 3)]),
        new("A09", 4, "Diare cair 4 kali sejak kemarin", [R("OB081", "tiap habis BAB", 6, 3), R("OB084", "2 tablet tiap BAB", 12, 3)]),
        new("R50.9", 4, "Demam sejak 2 hari", [R("OB001", "3x1", 10, 3)], Fever: true),
        new("J02.9", 3, "Nyeri menelan", [R("OB011", "3x1", 15, 5), R("OB001", "3x1", 10, 3)], Fever: true),
        new("J00", 3, "Pilek, bersin-bersin", [R("OB054", "3x1", 10, 3), R("OB001", "3x1", 10, 3)]),
        new("M54.5", 3, "Nyeri pinggang bawah", [R("OB007", "2x1", 10, 5)]),
        new("R51", 2, "Sakit kepala", [R("OB001", "3x1", 10, 3)]),
        new("G44.2", 2, "Kepala terasa berat seperti diikat", [R("OB001", "3x1", 10, 3), R("OB118", "1x1 malam", 5, 5)]),
        new("B35.4", 2, "Bercak gatal melingkar", [R("OB035", "oles 2x sehari", 1, 14)]),
        new("B36.0", 1.5, "Bercak putih di punggung", [R("OB036", "oles 2x sehari", 1, 14)]),
        new("L50.9", 2, "Biduran setelah makan udang", [R("OB055", "1x1", 5, 5)]),
        new("E78.5", 2, "Kontrol kolesterol", [R("OB100", "1x1 malam", 30, 30)]),
        new("M10.9", 2, "Nyeri dan bengkak sendi jempol kaki", [R("OB006", "3x1", 10, 3), R("OB102", "1x1", 30, 30)]),
        new("M17.9", 1.5, "Nyeri lutut saat berjalan", [R("OB008", "1x1", 10, 10)]),
        new("J45.9", 1.5, "Sesak napas berbunyi", [R("OB066", "3x1", 10, 3), R("OB057", "3x1", 10, 3)]),
        new("H10.9", 1.5, "Mata merah berair", [R("OB050", "4x2 tetes", 1, 5)]),
        new("N39.0", 1.5, "Nyeri dan anyang-anyangan saat berkemih", [R("OB016", "2x1", 10, 5)]),
        new("A01.0", 1, "Demam naik turun 7 hari, mual", [R("OB022", "4x1", 20, 5), R("OB001", "3x1", 10, 3)], Fever: true),
        new("B86", 1, "Gatal terutama malam hari", [R("OB041", "oles seluruh badan malam hari", 1)]),
        new("T14.1", 1, "Luka robek terkena pisau", [R("OB011", "3x1", 15, 5), R("OB001", "3x1", 10, 3)], "Penjahitan luka (hecting)", "86.59"),
        new("J20.9", 1.5, "Batuk berdahak seminggu", [R("OB061", "3x1", 10, 3), R("OB001", "3x1", 10, 3)]),
        new("K59.0", 1, "Sulit buang air besar", [R("OB085", "1x1 malam", 5, 5)]),
        new("F41.2", 0.5, "Sulit tidur, cemas", [R("OB118", "1x1 malam", 5, 5)]),
        new("A15.0", 0.3, "Batuk lebih dari 2 minggu, keringat malam", [R("OB152", "1x3 tablet", 84, 28)]),
        new("A91", 0.3, "Demam tinggi 3 hari, bintik merah", [R("OB001", "3x1", 10, 3)], ReferralChance: 0.8, Fever: true),
        new("J18.9", 0.5, "Batuk, sesak, demam tinggi", [R("OB011", "3x1", 15, 5)], ReferralChance: 0.5, Fever: true),
        new("I64", 0.15, "Lemah separuh badan mendadak", [], ReferralChance: 1),
        new("I20.9", 0.2, "Nyeri dada menjalar ke lengan kiri", [R("OB098", "1 tablet sublingual", 1)], ReferralChance: 1),
    ];

    private static readonly Disease[] Dental =
    [
        new("K02.9", 22, "Gigi berlubang", [], "Penambalan gigi", "23.2"),
        new("K04.0", 10, "Gigi ngilu dan nyeri berdenyut", [R("OB006", "3x1", 10, 3)], "Pulp capping", "23.73"),
        new("K04.1", 7, "Gigi berlubang besar, tidak sakit lagi", [R("OB011", "3x1", 15, 5)], "Perawatan saluran akar", "23.70"),
        new("K04.7", 6, "Gusi bengkak bernanah", [R("OB011", "3x1", 15, 5), R("OB006", "3x1", 10, 3)]),
        new("K05.1", 7, "Gusi mudah berdarah", [R("OB149", "kumur 2x sehari", 1, 7)]),
        new("K03.6", 10, "Karang gigi, mulut bau", [], "Pembersihan karang gigi (scaling)", "96.54"),
        new("K08.3", 9, "Sisa akar gigi goyang", [R("OB001", "3x1", 10, 3)], "Pencabutan gigi", "23.09"),
        new("K00.6", 6, "Gigi tetap tumbuh, gigi susu belum tanggal", [], "Pencabutan gigi sulung", "23.01"),
        new("K12.0", 3, "Sariawan berulang", [R("OB113", "1x1", 10, 10)]),
        new("K01.1", 1, "Nyeri di belakang geraham", [R("OB006", "3x1", 10, 3)], ReferralChance: 0.7),
    ];

    private static readonly Disease[] Child =
    [
        new("J06.9", 30, "Batuk pilek, rewel", [R("OB002", "3x1 cth", 1, 3), R("OB062", "3x1 cth", 1, 3)]),
        new("A09", 12, "Mencret 3 kali hari ini", [R("OB081", "tiap habis BAB", 6, 3), R("OB082", "1x1", 10, 10)]),
        new("R50.9", 10, "Demam sejak semalam", [R("OB002", "3x1 cth", 1, 3)], Fever: true),
        new("J00", 6, "Pilek, hidung tersumbat", [R("OB002", "3x1 cth", 1, 3)]),
        new("L30.9", 4, "Gatal merah di kulit", [R("OB043", "oles 2x sehari", 1, 7)]),
        new("B86", 3, "Gatal di sela jari, saudara juga gatal", [R("OB041", "oles malam hari", 1)]),
        new("B82.0", 3, "Nafsu makan kurang, perut buncit", [R("OB038", "dosis tunggal", 1, 1)]),
        new("J18.0", 2, "Batuk, napas cepat, demam", [R("OB012", "3x1 cth", 1, 5), R("OB002", "3x1 cth", 1, 3)], ReferralChance: 0.3, Fever: true),
        new("L01.0", 2, "Koreng bernanah di kulit", [R("OB045", "oles 3x sehari", 1, 7)]),
        new("H66.0", 1, "Telinga sakit dan keluar cairan", [R("OB012", "3x1 cth", 1, 5)]),
        new("L22", 2, "Ruam merah di daerah popok", [R("OB043", "oles 2x sehari", 1, 5)]),
        new("B01.9", 1, "Bintil berair di badan", [R("OB048", "oles 3x sehari", 1, 7), R("OB002", "3x1 cth", 1, 3)]),
        new("Z00.1", 6, "Kontrol tumbuh kembang", []),
        new("E44.0", 0.8, "Berat badan tidak naik", [R("OB117", "1x1 cth", 1, 30)]),
    ];

    private static readonly Disease[] Emergency =
    [
        new("T14.1", 20, "Luka robek karena jatuh dari motor", [R("OB011", "3x1", 15, 5), R("OB001", "3x1", 10, 3)], "Penjahitan luka (hecting)", "86.59", 0.05),
        new("T14.0", 12, "Luka lecet karena jatuh", [R("OB001", "3x1", 10, 3)], "Perawatan luka", "93.57"),
        new("S61.9", 6, "Jari tangan teriris", [R("OB011", "3x1", 15, 5)], "Penjahitan luka (hecting)", "86.59"),
        new("S93.4", 6, "Pergelangan kaki terkilir", [R("OB007", "2x1", 10, 5)]),
        new("R50.9", 8, "Demam tinggi, menggigil", [R("OB001", "3x1", 10, 3)], Fever: true),
        new("A09", 8, "Muntah dan mencret sejak pagi", [R("OB081", "tiap habis BAB", 6, 3), R("OB078", "3x1", 6, 2)], "Pemasangan infus", "99.18", 0.1),
        new("R10.4", 6, "Nyeri perut hebat", [R("OB079", "3x1", 6, 2)], ReferralChance: 0.3),
        new("R55", 4, "Pingsan di rumah", [], ReferralChance: 0.3),
        new("K29.7", 6, "Nyeri ulu hati hebat", [R("OB074", "1x1", 7, 7)]),
        new("J45.9", 4, "Sesak napas mendadak", [R("OB066", "3x1", 10, 3)], "Nebulisasi", "93.94", 0.15),
        new("T63.4", 3, "Disengat tawon", [R("OB055", "1x1", 5, 5), R("OB043", "oles 2x", 1, 5)]),
        new("W54", 1, "Digigit anjing", [R("OB011", "3x1", 15, 5)], "Perawatan luka", "93.57", 0.3),
    ];

    private static readonly Disease[] Lab = [new("Z01.7", 1, "Cek laboratorium", [])];

    private static readonly string[] Destinations =
        ["RSUD Kota Salatiga", "RSUP Dr. Kariadi", "RS Paru dr. Ario Wirawan", "RS Bhayangkara", "RSIA Bunda", "RS Permata Medika"];

    public void Seed(DemoContext context)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        icd10.EnsureLoaded();
        drugs.EnsureLoaded();
        var random = context.RandomFor(Name);
        using var c = context.Db.Open();
        var visits = c.Query<VisitRow>("""
            SELECT v.id, v.patient_id AS PatientId, v.poli, v.complaint, v.visit_date AS VisitDate, v.arrived_at AS ArrivedAt, v.finished_at AS FinishedAt,
                   p.sex, p.birth_date AS BirthDate
            FROM visits v JOIN patients p ON p.id = v.patient_id
            WHERE v.status = 'finished'
            ORDER BY v.arrived_at, v.id
            """).ToList();

        using var t = c.BeginTransaction();
        var exam = new Inserter(c, t, "examinations", "visit_id", "complaint", "history", "systolic", "diastolic", "pulse", "respiration", "temperature",
            "weight", "height", "physical_exam", "outcome", "clinician", "created_at", "updated_at");
        var diag = new Inserter(c, t, "diagnoses", "visit_id", "code", "is_primary", "case_type", "created_at", "created_by");
        var proc = new Inserter(c, t, "procedures", "visit_id", "name", "code", "created_at", "created_by");
        var rx = new Inserter(c, t, "prescriptions", "visit_id", "drug_code", "dose", "quantity", "days", "created_at", "created_by");
        var refer = new Inserter(c, t, "referrals", "visit_id", "destination", "reason", "created_at", "created_by");
        var growth = new Inserter(c, t, "kia_growth", "visit_id", "patient_id", "weight", "height");
        // The complaint the desk wrote down is the one the diagnosis answers (no "Sakit gigi" at the poli umum with J06.9).
        using var complaintOfVisit = c.CreateCommand();
        complaintOfVisit.Transaction = t;
        complaintOfVisit.CommandText = "UPDATE visits SET complaint = $complaint WHERE id = $id";
        var complaintParameter = complaintOfVisit.Parameters.Add("$complaint", SqliteType.Text);
        var visitParameter = complaintOfVisit.Parameters.Add("$id", SqliteType.Integer);
        complaintOfVisit.Prepare();
        // The KIA records of the kohort ibu and of infants were written by KiaDemoSeeder (order 15): read them per visit.
        var kia = new KiaVisits(c, t);

        var seen = new Dictionary<(long, int), HashSet<string>>();
        var chronic = new Dictionary<long, (bool Hypertension, bool Diabetes)>();
        int exams = 0, diagnoses = 0, prescriptions = 0, referrals = 0, kiaRows = 0;

        foreach (var v in visits)
        {
            var visitDate = DateOnly.ParseExact(v.VisitDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var birth = DateOnly.ParseExact(v.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var age = Age.At(birth, visitDate);
            var at = v.FinishedAt ?? v.ArrivedAt;
            var clinician = v.Poli switch { "gigi" => "drg", "kia" => "bidan", _ => "dokter" };
            if (kia.Anc.TryGetValue(v.Id, out var ancContact) && ancContact.GivenBy == "dokter")
            {
                clinician = "dokter";
            }
            if (!chronic.TryGetValue(v.PatientId, out var ch))
            {
                ch = (age.Years >= 40 && random.NextDouble() < (age.Years >= 60 ? 0.45 : 0.28), age.Years >= 40 && random.NextDouble() < 0.12);
                chronic[v.PatientId] = ch;
            }

            var chosen = new List<Disease>();
            string? kiaKind = null;
            if (v.Poli == "kia" && v.Sex == "P" && age.Years is >= 15 and <= 49)
            {
                kiaKind = MotherVisit(v, kia, random, out var code, out var complaint, out var drugsGiven);
                chosen.Add(new Disease(code, 1, complaint, drugsGiven));
                if (kiaKind == "anc" && random.NextDouble() < 0.15)
                {
                    chosen.Add(new Disease("O21.9", 1, complaint, [R("OB111", "2x1", 10, 5)]));
                }
            }
            else if (v.Poli is "kia" or "anak" && age.Years < 6)
            {
                ChildVisit(v, age, random, kia, growth, ref kiaRows, out var immunized);
                if (immunized.Count > 0 || (v.Poli == "kia" && random.NextDouble() < 0.4))
                {
                    var code = immunized.Count == 0 ? "Z00.1" : immunized[0] switch
                    {
                        "BCG" => "Z23.2", "POLIO" => "Z24.0", "HB0" => "Z24.6", "CAMPAK-RUBELLA" => "Z27.4", _ => "Z27.8",
                    };
                    chosen.Add(new Disease(code, 1, immunized.Count == 0 ? "Penimbangan dan kontrol tumbuh kembang" : "Imunisasi " + string.Join(", ", immunized), []));
                }
                else
                {
                    chosen.Add(Pick(Child, random));
                }
            }
            else
            {
                var table = v.Poli switch
                {
                    "gigi" => Dental,
                    "ugd" => Emergency,
                    "lab" => Lab,
                    "anak" => Child,
                    "kia" => Child,
                    _ => Adult,
                };
                if (table == Adult && ch.Hypertension && random.NextDouble() < 0.6)
                {
                    chosen.Add(new Disease("I10", 1, "Kontrol tekanan darah, tengkuk berat", [random.NextDouble() < 0.7 ? R("OB087", "1x1", 30, 30) : R("OB090", "2x1", 60, 30)]));
                    if (ch.Diabetes)
                    {
                        chosen.Add(new Disease("E11.9", 1, "", [R("OB103", "2x1", 60, 30)]));
                    }
                }
                else if (table == Adult && ch.Diabetes && random.NextDouble() < 0.6)
                {
                    chosen.Add(new Disease("E11.9", 1, "Kontrol gula darah, sering haus", [R("OB103", "2x1", 60, 30), R("OB104", "1x1 pagi", 30, 30)]));
                }
                else
                {
                    chosen.Add(Pick(table, random));
                    if (table == Adult && random.NextDouble() < 0.15)
                    {
                        var second = Pick(table, random);
                        if (second.Code[..3] != chosen[0].Code[..3] && second.ReferralChance == 0)
                        {
                            chosen.Add(second);
                        }
                    }
                    if (table == Adult && ch.Hypertension && random.NextDouble() < 0.5)
                    {
                        chosen.Add(new Disease("I10", 1, "", [R("OB087", "1x1", 30, 30)]));
                    }
                }
            }

            var main = chosen[0];
            var referral = main.ReferralChance > 0 && random.NextDouble() < main.ReferralChance;
            var (sys, dia) = ch.Hypertension || chosen.Any(d => d.Code == "I10")
                ? (random.Next(140, 185), random.Next(88, 110))
                : age.Years < 13 ? ((int?)null, (int?)null) : (random.Next(105, 135), random.Next(65, 86));
            var fever = chosen.Any(d => d.Fever);
            var temperature = Math.Round(fever ? 37.8 + random.NextDouble() * 1.7 : 36.2 + random.NextDouble() * 1.0, 1);
            var (weight, height) = Body(age, v.Sex, random);
            var outcome = referral ? "rujuk" : main.Code is "I10" or "E11.9" or "A15.0" or "E78.5" ? "kontrol" : "pulang";
            exam.Run(v.Id, main.Complaint.Length > 0 ? main.Complaint : "Kontrol", null, sys, dia, age.Years < 13 ? random.Next(85, 130) : random.Next(64, 98),
                age.Years < 5 ? random.Next(24, 40) : random.Next(16, 23), temperature, weight, height,
                fever ? "KU tampak sakit ringan, kesadaran compos mentis, febris" : "KU baik, kesadaran compos mentis",
                outcome, clinician, at, at);
            exams++;
            if (main.Complaint.Length > 0)
            {
                complaintParameter.Value = main.Complaint;
                visitParameter.Value = v.Id;
                complaintOfVisit.ExecuteNonQuery();
            }

            var year = visitDate.Year;
            if (!seen.TryGetValue((v.PatientId, year), out var categories))
            {
                categories = [];
                seen[(v.PatientId, year)] = categories;
            }
            var used = new HashSet<string>();
            for (var i = 0; i < chosen.Count; i++)
            {
                var d = chosen[i];
                if (!used.Add(d.Code))
                {
                    continue;
                }
                var category = d.Code[..3];
                var caseType = categories.Contains(category) ? (random.NextDouble() < 0.1 ? "kkl" : "lama") : "baru";
                diag.Run(v.Id, d.Code, i == 0 ? 1 : 0, caseType, at, clinician);
                diagnoses++;
                if (d.Procedure is not null)
                {
                    proc.Run(v.Id, d.Procedure, d.ProcedureCode, at, clinician);
                }
                foreach (var r in d.Drugs)
                {
                    rx.Run(v.Id, r.Drug, r.Dose, r.Quantity, r.Days, at, clinician);
                    prescriptions++;
                }
            }
            foreach (var d in chosen)
            {
                categories.Add(d.Code[..3]);
            }
            if (referral)
            {
                refer.Run(v.Id, Destinations[random.Next(Destinations.Length)],
                    $"Perlu penanganan spesialis: {icd10.Find(main.Code)?.NameId ?? main.Code}", at, clinician);
                referrals++;
            }
        }
        t.Commit();
        context.Log.WriteLine($"  {exams} pemeriksaan, {diagnoses} diagnosis, {prescriptions} resep, {referrals} rujukan, {kiaRows} catatan KIA ({watch.ElapsedMilliseconds} ms)");
    }

    /// <summary>The KIA rows KiaDemoSeeder wrote, by visit: antenatal contacts, deliveries and KF, KN, immunisations.</summary>
    private sealed class KiaVisits
    {
        public KiaVisits(SqliteConnection c, SqliteTransaction t)
        {
            Anc = c.Query<(long VisitId, string GivenBy, long PregnancyId, string? Lmp, string? Flags)>("""
                SELECT a.visit_id, a.given_by, a.pregnancy_id, p.lmp, p.risk_flags
                FROM kia_antenatal_contacts a JOIN kia_pregnancies p ON p.id = a.pregnancy_id
                """, transaction: t).ToDictionary(r => r.VisitId, r => (r.GivenBy, r.PregnancyId, r.Lmp, r.Flags));
            Postnatal = c.Query<(long VisitId, long Kf)>("SELECT visit_id, kf_number FROM kia_postnatal", transaction: t).ToDictionary(r => r.VisitId, r => (int)r.Kf);
            Deliveries = c.Query<long>("SELECT visit_id FROM kia_deliveries WHERE visit_id IS NOT NULL", transaction: t).ToHashSet();
            Neonatal = c.Query<long>("SELECT visit_id FROM kia_neonatal", transaction: t).ToHashSet();
            Immunized = c.Query<(long VisitId, string Antigen)>("SELECT visit_id, antigen FROM kia_immunizations ORDER BY id", transaction: t)
                .GroupBy(r => r.VisitId).ToDictionary(g => g.Key, g => g.Select(r => r.Antigen).Distinct().ToList());
        }

        public Dictionary<long, (string GivenBy, long PregnancyId, string? Lmp, string? Flags)> Anc { get; }
        public Dictionary<long, int> Postnatal { get; }
        public HashSet<long> Deliveries { get; }
        public HashSet<long> Neonatal { get; }
        public Dictionary<long, List<string>> Immunized { get; }
    }

    /// <summary>A woman at the KIA poli: an antenatal contact or a postnatal visit of the kohort ibu, else family planning.</summary>
    private static string MotherVisit(VisitRow v, KiaVisits kia, Random random, out string code, out string complaint, out Rx[] drugsGiven)
    {
        if (kia.Anc.TryGetValue(v.Id, out var anc))
        {
            var flags = anc.Flags ?? "";
            code = flags.Length > 0 ? "Z35.8" : "Z34.9";
            complaint = v.Complaint ?? "Periksa kehamilan";
            drugsGiven = [R("OB107", "1x1", 30, 30), R("OB116", "1x1", 30, 30)];
            return "anc";
        }
        if (kia.Postnatal.ContainsKey(v.Id) || kia.Deliveries.Contains(v.Id))
        {
            code = "Z39.2";
            complaint = v.Complaint ?? "Kontrol nifas";
            drugsGiven = [R("OB114", "1x1", 2, 2), R("OB107", "1x1", 30, 30)];
            return "kf";
        }
        code = random.NextDouble() < 0.8 ? "Z30.4" : "Z30.0";
        complaint = code == "Z30.4" ? "Suntik KB ulang" : "Konsultasi KB";
        drugsGiven = code == "Z30.4" ? [R("OB136", "1 vial IM", 1)] : [];
        return "kb";
    }

    /// <summary>A child under six at the KIA or Anak poli: weighed; the immunisations and KN of the visit come from KiaDemoSeeder.</summary>
    private static void ChildVisit(VisitRow v, Age age, Random random, KiaVisits kia, Inserter growth, ref int rows, out List<string> immunized)
    {
        immunized = kia.Immunized.GetValueOrDefault(v.Id) ?? [];
        var (weight, height) = Body(age, v.Sex, random);
        growth.Run(v.Id, v.PatientId, weight, height);
        rows++;
    }

    /// <summary>Rough weight (kg) and height (cm) for age and sex, with spread.</summary>
    private static (double Weight, double Height) Body(Age age, string sex, Random random)
    {
        var months = age.Years * 12 + age.Months;
        double w, h;
        if (months < 12)
        {
            w = 3.2 + 0.6 * Math.Min(months, 6) + 0.35 * Math.Max(0, months - 6);
            h = 49 + 2.5 * Math.Min(months, 6) + 1.3 * Math.Max(0, months - 6);
        }
        else if (age.Years < 13)
        {
            w = 2 * age.Years + 8;
            h = 6 * age.Years + 77;
        }
        else
        {
            w = sex == "L" ? 62 : 54;
            h = sex == "L" ? 164 : 153;
        }
        w *= 0.85 + random.NextDouble() * 0.35;
        h *= 0.96 + random.NextDouble() * 0.06;
        return (Math.Round(Math.Clamp(w, 0.5, 140), 1), Math.Round(Math.Clamp(h, 40, 200), 0));
    }

    private static Disease Pick(Disease[] table, Random random)
    {
        var total = table.Sum(d => d.Weight);
        var x = random.NextDouble() * total;
        foreach (var d in table)
        {
            x -= d.Weight;
            if (x <= 0)
            {
                return d;
            }
        }
        return table[^1];
    }

    private static string DateFormat(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class VisitRow
    {
        public long Id { get; set; }
        public long PatientId { get; set; }
        public string Poli { get; set; } = "";
        public string VisitDate { get; set; } = "";
        public string BirthDate { get; set; } = "";
        public string Sex { get; set; } = "";
        public string? Complaint { get; set; }
        public DateTimeOffset ArrivedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
    }

    /// <summary>A prepared INSERT reused for every row (much faster than building a command per row).</summary>
    private sealed class Inserter
    {
        private readonly SqliteCommand _command;

        public Inserter(SqliteConnection c, SqliteTransaction t, string table, params string[] columns)
        {
            _command = c.CreateCommand();
            _command.Transaction = t;
            _command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++)
            {
                _command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }
            _command.Prepare();
        }

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset d => Data.DapperSetup.FormatInstant(d),
                    var x => x,
                };
            }
            _command.ExecuteNonQuery();
        }
    }
}
