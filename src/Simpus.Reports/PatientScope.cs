using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Data;

namespace Simpus.Reports;

/// <summary>
/// A part of the population the report queries are restricted to (e.g. the patients living in one desa), so that a part of a
/// report is computed by the very same queries as the whole: the PWS KIA per desa runs the KIA report once per desa.
/// </summary>
/// <remarks>
/// Inside <see cref="Enter"/>, <see cref="ReportConnection.Open"/> answers a private connection on which temporary views
/// shadow <c>patients</c>, <c>visits</c> and every table with a <c>patient_id</c> or <c>visit_id</c> column, keeping only the rows
/// of the scope's patients (SQLite resolves an unqualified table name in the temp schema first). So a query written for the
/// whole puskesmas counts only the scope's patients without knowing it; as every counted event belongs to one patient, the
/// parts of a partition add up to the whole (a test checks it). The connection is never pooled, so the views die with it.
/// </remarks>
public sealed class PatientScope
{
    private static readonly AsyncLocal<PatientScope?> Ambient = new();

    private readonly string _predicate;
    private readonly object? _args;

    /// <param name="predicate">SQL condition over <c>main.patients</c> aliased <c>p</c>, written by this code (never user input).</param>
    private PatientScope(string predicate, object? args)
    {
        _predicate = predicate;
        _args = args;
    }

    /// <summary>The scope of the current logical call, if any.</summary>
    internal static PatientScope? Current => Ambient.Value;

    /// <summary>Patients whose <see cref="DesaKey"/> (over the puskesmas' kecamatan) is <paramref name="key"/>.</summary>
    public static PatientScope Desa(string kecamatan, string key) =>
        new($"({DesaKeySql}) = @Key", new { Kecamatan = kecamatan, Key = key });

    /// <summary>
    /// The SQL that files a patient (<c>p</c>) under a desa: the region code when it lies in the kecamatan (<c>@Kecamatan</c>,
    /// e.g. <c>33.73.04</c>), <see cref="OutsideKey"/> for another kecamatan, <see cref="UnknownKey"/> without a region code.
    /// </summary>
    public const string DesaKeySql =
        "CASE WHEN p.region_code IS NULL OR p.region_code = '' THEN '' WHEN substr(p.region_code, 1, length(@Kecamatan) + 1) = @Kecamatan || '.' THEN p.region_code ELSE '*' END";

    public const string UnknownKey = "";

    public const string OutsideKey = "*";

    /// <summary>Runs report queries restricted to <paramref name="scope"/> until disposed (for the current logical call only).</summary>
    public static IDisposable Enter(PatientScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Exit(previous);
    }

    internal SqliteConnection Open(Database db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = db.FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        try
        {
            connection.Execute("""
                PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;
                CREATE TEMP TABLE scope_patients (id INTEGER PRIMARY KEY);
                CREATE TEMP TABLE scope_visits (id INTEGER PRIMARY KEY);
                """);
            connection.Execute($"INSERT INTO temp.scope_patients SELECT p.id FROM main.patients p WHERE {_predicate}", _args);
            connection.Execute("INSERT INTO temp.scope_visits SELECT v.id FROM main.visits v WHERE v.patient_id IN temp.scope_patients");
            var columns = connection.Query<(string Table, string Column)>("""
                SELECT m.name, c.name
                FROM main.sqlite_schema m
                JOIN pragma_table_info(m.name, 'main') c
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND c.name IN ('id', 'patient_id', 'visit_id')
                """).ToLookup(x => x.Table, x => x.Column, StringComparer.Ordinal);
            foreach (var table in columns)
            {
                var filter = table.Key switch
                {
                    "patients" => "id IN temp.scope_patients",
                    _ when table.Contains("patient_id") => "patient_id IN temp.scope_patients",
                    _ when table.Contains("visit_id") => "visit_id IN temp.scope_visits",
                    _ => null,
                };
                if (filter is not null)
                {
                    var name = "\"" + table.Key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                    connection.Execute($"CREATE TEMP VIEW {name} AS SELECT * FROM main.{name} WHERE {filter}");
                }
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Exit(PatientScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
