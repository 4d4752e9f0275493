using Dapper;
using Simpus.Core.Data;
using Simpus.Reports.Settings;

namespace Simpus.Reports.Kia;

public static class KiaIndicators
{
    public const string K1 = "K1";
    public const string K4 = "K4";
    public const string K6 = "K6";
    public const string Pn = "PN";
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

public sealed record KiaReport(IReadOnlyList<KiaIndicator> Indicators)
{
    public KiaIndicator this[string code] => Indicators.Single(i => i.Code == code);
}

public static class KiaQuery
{
    public static KiaReport Run(Database db, int year, int month, ReportSettings settings)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var yearStart = new DateOnly(year, 1, 1);
        using var c = ReportConnection.Open(db);
        KiaIndicator Cumulative(string code, string name, string sasaranName, decimal? sasaran, Func<DateOnly, DateOnly, int> count)
        {
            var inMonth = count(first, last);
            var ytd = count(yearStart, last);
            decimal? pws = sasaran is { } s ? Math.Round(s / 12m * month, 1) : null;
            decimal? coverage = sasaran is > 0 ? Math.Round(100m * ytd / sasaran.Value, 1) : null;
            return new KiaIndicator(code, name, sasaranName, inMonth, ytd, sasaran, pws, sasaran is null ? null : Math.Round(100m * month / 12, 1), coverage);
        }
        int Scalar(string file, DateOnly from, DateOnly to, int? number = null) =>
            c.ExecuteScalar<int>(EmbeddedSql.Get(typeof(KiaQuery).Assembly, file), new { From = Period.Text(from), To = Period.Text(to), Number = number });

        var bumil = settings.EffectiveBumil;
        var bulin = settings.EffectiveBulin;
        var bayi = settings.EffectiveBayi;
        var balita = settings.EffectiveBalita;
        var weighed = Scalar("kia_weighed.sql", first, last);
        var indicators = new List<KiaIndicator>
        {
            Cumulative(KiaIndicators.K1, "K1 (kunjungan pertama ibu hamil)", "Ibu hamil", bumil, (f, t) => Scalar("kia_antenatal.sql", f, t, 1)),
            Cumulative(KiaIndicators.K4, "K4 (kunjungan ke-4 ibu hamil)", "Ibu hamil", bumil, (f, t) => Scalar("kia_antenatal.sql", f, t, 4)),
            Cumulative(KiaIndicators.K6, "K6 (kunjungan ke-6 ibu hamil)", "Ibu hamil", bumil, (f, t) => Scalar("kia_antenatal.sql", f, t, 6)),
            Cumulative(KiaIndicators.Pn, "Pn (persalinan oleh tenaga kesehatan)", "Ibu bersalin", bulin, (f, t) => Scalar("kia_deliveries.sql", f, t)),
            Cumulative(KiaIndicators.KfLengkap, "KF lengkap (nifas KF1–KF4)", "Ibu bersalin", bulin, (f, t) => Scalar("kia_kf_lengkap.sql", f, t)),
            Cumulative(KiaIndicators.Kn1, "KN1 (neonatus 6–48 jam)", "Bayi", bayi, (f, t) => Scalar("kia_kn1.sql", f, t)),
            Cumulative(KiaIndicators.KnLengkap, "KN lengkap (KN1–KN3)", "Bayi", bayi, (f, t) => Scalar("kia_kn_lengkap.sql", f, t)),
            Cumulative(KiaIndicators.Idl, "Imunisasi dasar lengkap", "Bayi", bayi, (f, t) => Scalar("kia_idl.sql", f, t)),
            new(KiaIndicators.D, "D (balita ditimbang)", "Balita", weighed, null, null, null, null,
                balita is > 0 ? Math.Round(100m * weighed / balita.Value, 1) : null),
            new(KiaIndicators.S, "S (sasaran balita)", "Balita", balita is { } b ? (int)b : null, null, null, null, null, null),
        };
        return new KiaReport(indicators);
    }

}
