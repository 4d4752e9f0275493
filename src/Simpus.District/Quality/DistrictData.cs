using Dapper;
using Simpus.Core.Data;
using Simpus.Exchange;

namespace Simpus.District.Quality;

/// <summary>One value of a current revision: which puskesmas, which data element and disaggregation, how many.</summary>
public sealed record CurrentValue(string PuskesmasCode, string Period, string DataElement, string Disaggregation, decimal Value);

/// <summary>A received revision's receipt facts, for reporting status and timeliness.</summary>
public sealed record Receipt
{
    public required string PuskesmasCode { get; init; }
    public required string Period { get; init; }
    public int Revision { get; init; }
    public int Revisions { get; init; }
    public DateTimeOffset FirstReceivedAt { get; init; }
    public DateTimeOffset LastReceivedAt { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
    public required string ReceivedVia { get; init; }
}

/// <summary>Reads the current revisions' values: what the workbook, the quality checks and DHIS2 export are built from.</summary>
public sealed class DistrictData(Database db)
{
    /// <summary>Values of the current revision of every puskesmas for the periods.</summary>
    public IReadOnlyList<CurrentValue> Values(IEnumerable<MonthPeriod> periods)
    {
        var list = periods.Select(p => p.ToString()).ToArray();
        using var c = db.Open();
        var rows = new List<CurrentValue>();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT p.puskesmas_code, p.period, v.data_element, v.disaggregation, v.value
            FROM packages p JOIN package_values v ON v.package_id = p.id
            WHERE p.is_current = 1 AND p.period IN ({string.Join(",", list.Select((_, i) => "$p" + i))})
            """;
        for (var i = 0; i < list.Length; i++)
        {
            cmd.Parameters.AddWithValue("$p" + i, list[i]);
        }
        using var reader = cmd.ExecuteReader();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(string s) => strings.TryGetValue(s, out var x) ? x : strings[s] = s;
        while (reader.Read())
        {
            rows.Add(new CurrentValue(Intern(reader.GetString(0)), Intern(reader.GetString(1)), Intern(reader.GetString(2)),
                Intern(reader.GetString(3)), (decimal)reader.GetDouble(4)));
        }
        return rows;
    }

    /// <summary>Per puskesmas, period and data element: the sum over disaggregations (the series the outlier check looks at).</summary>
    public IReadOnlyList<(string Puskesmas, string Period, string DataElement, decimal Total)> ElementTotals(MonthPeriod from, MonthPeriod to)
    {
        using var c = db.Open();
        return c.Query<(string, string, string, double)>("""
            SELECT p.puskesmas_code, p.period, v.data_element, SUM(v.value)
            FROM packages p JOIN package_values v ON v.package_id = p.id
            WHERE p.is_current = 1 AND p.period BETWEEN @from AND @to
            GROUP BY p.puskesmas_code, p.period, v.data_element
            """, new { from = from.ToString(), to = to.ToString() })
            .Select(r => (r.Item1, r.Item2, r.Item3, (decimal)r.Item4)).ToList();
    }

    /// <summary>Per puskesmas that sent the period: the current revision, how many revisions, first and last receipt.</summary>
    public IReadOnlyList<Receipt> Receipts(MonthPeriod period)
    {
        using var c = db.Open();
        return c.Query<Receipt>("""
            SELECT cur.puskesmas_code AS PuskesmasCode, cur.period, cur.revision, cur.generated_at AS GeneratedAt, cur.received_via AS ReceivedVia,
                   (SELECT COUNT(*) FROM packages a WHERE a.puskesmas_code = cur.puskesmas_code AND a.period = cur.period) AS Revisions,
                   (SELECT MIN(received_at) FROM packages a WHERE a.puskesmas_code = cur.puskesmas_code AND a.period = cur.period) AS FirstReceivedAt,
                   (SELECT MAX(received_at) FROM packages a WHERE a.puskesmas_code = cur.puskesmas_code AND a.period = cur.period) AS LastReceivedAt
            FROM packages cur WHERE cur.period = @period AND cur.is_current = 1
            """, new { period = period.ToString() }).ToList();
    }
}
