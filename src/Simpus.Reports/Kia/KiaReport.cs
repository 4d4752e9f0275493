using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Kia;
using Simpus.Reports.Settings;

namespace Simpus.Reports.Kia;

public static class KiaIndicators
{
    /// <summary>K1 akses: first antenatal contact of a pregnancy, at any gestational age (data element <c>KIA.K1</c>).</summary>
    public const string K1 = "K1";
    /// <summary>K1 murni: first contact in trimester 1.</summary>
    public const string K1Murni = "K1_MURNI";
    public const string K4 = "K4";
    public const string K6 = "K6";
    public const string Pn = "PN";
    /// <summary>PF: delivery in a health facility.</summary>
    public const string Pf = "PF";
    public const string KfLengkap = "KF_LENGKAP";
    public const string Kn1 = "KN1";
    public const string KnLengkap = "KN_LENGKAP";
    public const string Idl = "IDL";
    public const string D = "D";
    public const string S = "S";
}

/// <summary>
/// One KIA indicator: achieved in the month and in the year to date, the yearly sasaran, the PWS target up to this month
/// (sasaran ÷ 12 × month) and coverage (year to date ÷ sasaran × 100). For D/S: D is weighed children in the month,
/// S the sasaran balita, and coverage is D ÷ S × 100. Unknown sasaran leaves target and coverage empty (never 0).
/// </summary>
public sealed record KiaIndicator(string Code, string Name, string SasaranName, int? Month, int? YearToDate, decimal? YearlyTarget,
    decimal? PwsTarget, decimal? PwsTargetPercent, decimal? Coverage);

/// <param name="Indicators">The indicators in sheet order.</param>
/// <param name="Boundaries">The trimester boundaries used.</param>
/// <param name="UndatedK1">Pregnancies counted in K1 akses this month that have neither HPHT nor gestational age
/// ("data belum lengkap": in K1 akses only).</param>
public sealed record KiaReport(IReadOnlyList<KiaIndicator> Indicators, TrimesterBoundaries Boundaries, int UndatedK1 = 0)
{
    public KiaIndicator this[string code] => Indicators.Single(i => i.Code == code);
}

/// <summary>Antenatal indicators of a period, counted per pregnancy in the month it first met each one.</summary>
public sealed record AntenatalCounts(int K1Akses, int K1Murni, int K4, int K6, int UndatedK1);

public static class KiaQuery
{
    public static KiaReport Run(Database db, int year, int month, ReportSettings settings)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var yearStart = new DateOnly(year, 1, 1);
        var boundaries = settings.Trimesters;
        using var c = ReportConnection.Open(db);
        KiaIndicator Cumulative(string code, string name, string sasaranName, decimal? sasaran, int inMonth, int ytd)
        {
            decimal? pws = sasaran is { } s ? Math.Round(s / 12m * month, 1) : null;
            decimal? coverage = sasaran is > 0 ? Math.Round(100m * ytd / sasaran.Value, 1) : null;
            return new KiaIndicator(code, name, sasaranName, inMonth, ytd, sasaran, pws, sasaran is null ? null : Math.Round(100m * month / 12, 1), coverage);
        }
        KiaIndicator Counted(string code, string name, string sasaranName, decimal? sasaran, Func<DateOnly, DateOnly, int> count) =>
            Cumulative(code, name, sasaranName, sasaran, count(first, last), count(yearStart, last));
        int Scalar(string file, DateOnly from, DateOnly to) =>
            c.ExecuteScalar<int>(EmbeddedSql.Get(typeof(KiaQuery).Assembly, file), new { From = Period.Text(from), To = Period.Text(to) });

        var bumil = settings.EffectiveBumil;
        var bulin = settings.EffectiveBulin;
        var bayi = settings.EffectiveBayi;
        var balita = settings.EffectiveBalita;
        var weighed = Scalar("kia_weighed.sql", first, last);
        var ancMonth = Antenatal(c, first, last, boundaries);
        var ancYear = Antenatal(c, yearStart, last, boundaries);
        var deliveriesMonth = Deliveries(c, first, last);
        var deliveriesYear = Deliveries(c, yearStart, last);
        var t1 = boundaries.Trimester1MaxWeeks;
        var indicators = new List<KiaIndicator>
        {
            Cumulative(KiaIndicators.K1, "K1 akses (kontak pertama ibu hamil)", "Ibu hamil", bumil, ancMonth.K1Akses, ancYear.K1Akses),
            Cumulative(KiaIndicators.K1Murni, $"K1 murni (kontak pertama pada trimester 1, ≤ {t1} minggu)", "Ibu hamil", bumil, ancMonth.K1Murni, ancYear.K1Murni),
            Cumulative(KiaIndicators.K4, "K4 (≥ 4 kontak: ≥ 1 di T1, ≥ 1 di T2, ≥ 2 di T3)", "Ibu hamil", bumil, ancMonth.K4, ancYear.K4),
            Cumulative(KiaIndicators.K6, "K6 (≥ 6 kontak: ≥ 2 di T1, ≥ 1 di T2, ≥ 3 di T3; dokter di T1 dan T3)", "Ibu hamil", bumil, ancMonth.K6, ancYear.K6),
            Cumulative(KiaIndicators.Pn, "Pn (persalinan ditolong tenaga kesehatan)", "Ibu bersalin", bulin, deliveriesMonth.Pn, deliveriesYear.Pn),
            Cumulative(KiaIndicators.Pf, "PF (persalinan di fasilitas pelayanan kesehatan)", "Ibu bersalin", bulin, deliveriesMonth.Pf, deliveriesYear.Pf),
            Counted(KiaIndicators.KfLengkap, "KF lengkap (nifas KF1–KF4)", "Ibu bersalin", bulin, (f, t) => Scalar("kia_kf_lengkap.sql", f, t)),
            Counted(KiaIndicators.Kn1, "KN1 (neonatus 6–48 jam)", "Bayi", bayi, (f, t) => Scalar("kia_kn1.sql", f, t)),
            Counted(KiaIndicators.KnLengkap, "KN lengkap (KN1–KN3)", "Bayi", bayi, (f, t) => Scalar("kia_kn_lengkap.sql", f, t)),
            Counted(KiaIndicators.Idl, "Imunisasi dasar lengkap", "Bayi", bayi, (f, t) => Scalar("kia_idl.sql", f, t)),
            new(KiaIndicators.D, "D (balita ditimbang)", "Balita", weighed, null, null, null, null,
                balita is > 0 ? Math.Round(100m * weighed / balita.Value, 1) : null),
            new(KiaIndicators.S, "S (sasaran balita)", "Balita", balita is { } b ? (int)b : null, null, null, null, null, null),
        };
        return new KiaReport(indicators, boundaries, ancMonth.UndatedK1);
    }

    /// <summary>K1 akses, K1 murni, K4 and K6 met in [from, to], each pregnancy counted in the month it first met the indicator.</summary>
    public static AntenatalCounts Antenatal(Database db, DateOnly from, DateOnly to, TrimesterBoundaries boundaries)
    {
        using var c = ReportConnection.Open(db);
        return Antenatal(c, from, to, boundaries);
    }

    internal static AntenatalCounts Antenatal(Microsoft.Data.Sqlite.SqliteConnection c, DateOnly from, DateOnly to, TrimesterBoundaries boundaries)
    {
        var rows = c.Query<ContactRow>(EmbeddedSql.Get(typeof(KiaQuery).Assembly, "kia_anc_contacts.sql"), Period.Args(from, to));
        int k1 = 0, murni = 0, k4 = 0, k6 = 0, undated = 0;
        bool In(DateOnly? d) => d is { } x && x >= from && x <= to;
        foreach (var pregnancy in rows.GroupBy(r => r.PregnancyId))
        {
            var head = pregnancy.First();
            var dating = new PregnancyDating(Date(head.Lmp), head.DatedWeek, Date(head.DatedOn));
            var contacts = pregnancy.Select(r =>
            {
                var date = Period.Parse(r.VisitDate);
                return new AncContact(date, dating.WeekOn(date), r.GivenBy);
            });
            var m = AntenatalStandard.Evaluate(contacts, boundaries);
            k1 += In(m.K1Akses) ? 1 : 0;
            murni += In(m.K1Murni) ? 1 : 0;
            k4 += In(m.K4) ? 1 : 0;
            k6 += In(m.K6) ? 1 : 0;
            undated += In(m.K1Akses) && !m.Dated ? 1 : 0;
        }
        return new AntenatalCounts(k1, murni, k4, k6, undated);
    }

    /// <summary>Pn and PF by delivery date in [from, to].</summary>
    internal static (int Pn, int Pf) Deliveries(Microsoft.Data.Sqlite.SqliteConnection c, DateOnly from, DateOnly to) =>
        c.QuerySingle<(int, int)>(EmbeddedSql.Get(typeof(KiaQuery).Assembly, "kia_deliveries.sql"),
            new { From = Period.Text(from), To = Period.Text(to), Facilities = DeliveryCodes.Facilities });

    private static DateOnly? Date(string? text) => text is null ? null : Period.Parse(text);

    private sealed class ContactRow
    {
        public long PregnancyId { get; set; }
        public string? Lmp { get; set; }
        public int? DatedWeek { get; set; }
        public string? DatedOn { get; set; }
        public string VisitDate { get; set; } = "";
        public string GivenBy { get; set; } = "";
    }
}
