using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Simpus.Core.Data;

/// <summary>
/// Forward-only numbered SQL migrations (unique, increasing numbers) embedded in an assembly (resource names
/// <c>{prefix}NNNN_name.sql</c>), each applied in its own transaction and recorded in <c>schema_migrations</c>.
/// </summary>
public sealed partial class Migrator(Database database, Assembly assembly, string resourcePrefix)
{
    public static Migrator ForClinic(Database database) =>
        new(database, typeof(Migrator).Assembly, "Simpus.Migrations.clinic.");

    public IReadOnlyList<Migration> Available()
    {
        var list = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(resourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var file = name[resourcePrefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{file}' is not named NNNN_name.sql");
            }
            list.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), file, () => Read(name)));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Version == list[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share number {list[i].Version}: {list[i - 1].File} and {list[i].File}");
            }
        }
        return list;
    }

    /// <summary>Applies every migration not yet recorded; returns how many ran.</summary>
    public int MigrateUp()
    {
        using (var connection = database.Open())
        {
            connection.Execute("PRAGMA journal_mode = WAL;");
            connection.Execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """);
        }

        var applied = 0;
        foreach (var migration in Available())
        {
            var ran = database.InTransaction((connection, transaction) =>
            {
                var done = connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
                if (done > 0)
                {
                    return false;
                }
                connection.Execute(migration.Sql(), transaction: transaction);
                connection.Execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @File, @At)",
                    new { migration.Version, migration.File, At = DapperSetup.FormatInstant(DateTimeOffset.UtcNow) },
                    transaction);
                return true;
            });
            if (ran)
            {
                applied++;
            }
        }
        return applied;
    }

    private string Read(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();
}

public sealed record Migration(int Version, string File, Func<string> Sql);
