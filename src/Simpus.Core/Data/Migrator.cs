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

    private int _upTo = int.MaxValue;
    private IReadOnlyList<Migration> _extra = [];

    /// <summary>The same migrator stopping at <paramref name="version"/> (to build a database of an earlier release, e.g. a test fixture).</summary>
    public Migrator UpTo(int version) => new(database, assembly, resourcePrefix) { _upTo = version, _extra = _extra };

    /// <summary>The same migrator with more migrations than the embedded ones (tests: a deliberately failing migration).</summary>
    public Migrator With(params Migration[] extra) => new(database, assembly, resourcePrefix) { _upTo = _upTo, _extra = [.. _extra, .. extra] };

    public IReadOnlyList<Migration> Available()
    {
        var list = new List<Migration>(_extra);
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
        list.RemoveAll(m => m.Version > _upTo);
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

    /// <summary>
    /// Applies every migration not yet recorded, all in ONE transaction: either the database reaches the newest schema or
    /// it stays exactly as it was. When the database already holds a schema (an upgrade), a verified copy is taken first
    /// (<see cref="PreMigrationFolder"/>). Returns how many migrations ran.
    /// </summary>
    public int MigrateUp()
    {
        bool initialized;
        using (var connection = database.Open())
        {
            connection.Execute("PRAGMA journal_mode = WAL;");
            initialized = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") > 0
                && connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations") > 0;
            connection.Execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """);
        }

        var done = Applied();
        var pending = Available().Where(m => !done.Contains(m.Version)).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }
        if (initialized)
        {
            BackupBeforeMigrating(pending[0]);
        }
        database.InTransaction((connection, transaction) =>
        {
            foreach (var migration in pending)
            {
                if (connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction) > 0)
                {
                    continue; // another process applied it meanwhile
                }
                try
                {
                    connection.Execute(migration.Sql(), transaction: transaction);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e)
                {
                    throw new MigrationFailedException(migration, e);
                }
                connection.Execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @File, @At)",
                    new { migration.Version, migration.File, At = DapperSetup.FormatInstant(DateTimeOffset.UtcNow) },
                    transaction);
            }
        });
        return pending.Count;
    }

    /// <summary>Versions recorded in <c>schema_migrations</c>.</summary>
    public IReadOnlySet<int> Applied()
    {
        using var connection = database.Open();
        return connection.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
    }

    /// <summary>Where the copy taken before an upgrade goes: <c>pre-migration/</c> beside the database file.</summary>
    public string PreMigrationFolder => Path.Combine(Path.GetDirectoryName(database.FilePath)!, "pre-migration");

    /// <summary>
    /// A verified copy (online snapshot + integrity check) of the database before the first pending migration, named
    /// <c>{file}-{yyyyMMdd-HHmmss}Z-before-{NNNN}.db</c>. Not rotated: upgrades are rare, and these are kept until removed by hand.
    /// If the copy cannot be made, nothing is migrated.
    /// </summary>
    private void BackupBeforeMigrating(Migration first)
    {
        var folder = PreMigrationFolder;
        Directory.CreateDirectory(folder);
        var name = $"{Path.GetFileNameWithoutExtension(database.FilePath)}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}Z-before-{first.Version:0000}.db";
        var path = Path.Combine(folder, name);
        var temp = path + ".tmp";
        if (File.Exists(temp))
        {
            File.Delete(temp);
        }
        Backup.BackupFile.Snapshot(database, temp);
        Backup.BackupFile.Check(temp, profile: null);
        File.Move(temp, path, overwrite: true);
        LastPreMigrationBackup = path;
    }

    /// <summary>The copy taken before the last upgrade this migrator ran, if any.</summary>
    public string? LastPreMigrationBackup { get; private set; }

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

/// <summary>A migration's SQL failed; the transaction holding every pending migration was rolled back.</summary>
public sealed class MigrationFailedException(Migration migration, Exception inner)
    : Exception($"Migration {migration.File} failed: {inner.Message}. Nothing was changed.", inner)
{
    public Migration Migration { get; } = migration;
}
