using Simpus.Core.Settings;
using Simpus.Exchange;
using Simpus.Exchange.Outbox;
using Simpus.Reports;

namespace Simpus.Clinic.District;

/// <summary>Builds a month's package from the same report model as the monthly workbook, as a numbered revision.</summary>
public sealed class MonthlyPackages(MonthlyReportBuilder reports, SettingsStore settings, PackageOutbox outbox)
{
    public static IReadOnlyList<PackageValue> ValuesOf(MonthlyReport report) =>
        report.ToValues().Select(v => new PackageValue(v.DataElement, v.Disaggregation, v.Value)).ToList();

    /// <summary>The drugs the LPLPO values name (package schema 2).</summary>
    public static IReadOnlyList<PackageDrug> DrugsOf(MonthlyReport report) =>
        report.Pharmacy?.Lplpo.Rows.Where(r => r.HasData).Select(r => new PackageDrug(r.Code, r.Name, r.Unit, r.FornasClass)).ToList() ?? [];

    public (IssuedPackage Issued, byte[] File) Issue(MonthPeriod period, string key, string user)
    {
        var report = reports.Build(period.Year, period.Month);
        var puskesmas = settings.Get();
        return outbox.Issue(period, puskesmas.Code, puskesmas.Name, ValuesOf(report), key, user, DrugsOf(report));
    }

    public static string FileName(string code, MonthPeriod period, int revision) => $"paket-{code}-{period}-r{revision}.json";
}
