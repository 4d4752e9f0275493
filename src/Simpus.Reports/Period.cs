using System.Globalization;
using Simpus.Core.Ages;

namespace Simpus.Reports;

internal static class Period
{
    public static object Args(DateOnly from, DateOnly to) => new { From = Text(from), To = Text(to) };

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>LB1 age band per (birth date, visit date), memoised: many rows share both dates.</summary>
internal sealed class BandCache
{
    private readonly Dictionary<(string, string), int> _cache = [];

    public int Index(string birthDate, string visitDate)
    {
        if (!_cache.TryGetValue((birthDate, visitDate), out var band))
        {
            var birth = Period.Parse(birthDate);
            var visit = Period.Parse(visitDate);
            // A visit recorded before the birth date (a data error) is put in the first band rather than dropped.
            band = visit < birth ? 0 : AgeBands.Lb1Index(birth, visit);
            _cache[(birthDate, visitDate)] = band;
        }
        return band;
    }
}

/// <summary>
/// Connections for the report queries: a larger page cache and in-memory sorting, since one report reads a month many times.
/// Inside <see cref="PatientScope.Enter"/> the connection sees only the patients of the scope (see there).
/// </summary>
internal static class ReportConnection
{
    public static Microsoft.Data.Sqlite.SqliteConnection Open(Simpus.Core.Data.Database db)
    {
        if (PatientScope.Current is { } scope)
        {
            return scope.Open(db);
        }
        var connection = db.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
