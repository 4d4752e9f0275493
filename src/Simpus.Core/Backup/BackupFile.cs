using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Simpus.Core.Backup;

/// <summary>What checking a backup (or any SQLite file offered as one) found.</summary>
public sealed record BackupCheck(string Integrity, int SchemaVersion, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>
/// Low-level steps on backup files: an online snapshot of a live database (<c>VACUUM INTO</c>: one read transaction, so
/// writers in WAL mode go on and the copy is the database as of its start), fsync, and the check that a file is an intact
/// SIMPUS database of the expected kind.
/// </summary>
public static class BackupFile
{
    /// <summary>
    /// Writes a consistent copy of the live database to <paramref name="destination"/> (which must not exist) and flushes it
    /// to disk. Safe while the service writes: <c>VACUUM INTO</c> reads one snapshot and never restarts, unlike a paged
    /// <c>.backup</c> that starts over whenever another connection writes.
    /// </summary>
    public static void Snapshot(Data.Database database, string destination)
    {
        using (var c = database.Open())
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "VACUUM INTO $path";
            cmd.Parameters.AddWithValue("$path", destination);
            cmd.CommandTimeout = 0;
            cmd.ExecuteNonQuery();
        }
        // The copy stands alone: rollback journal, no -wal/-shm beside it.
        using (var copy = new SqliteConnection(OwnFile(destination)))
        {
            copy.Open();
            using var cmd = copy.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode = DELETE";
            cmd.ExecuteNonQuery();
        }
        Flush(destination);
    }

    /// <summary>A connection string for a file SIMPUS itself just wrote (a copy being checked): read-write, not pooled, not created.</summary>
    internal static string OwnFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    public static void Flush(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        f.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Opens the plain SQLite file (a copy SIMPUS owns, never the live database): <c>PRAGMA integrity_check</c> must answer ok, the profile's tables must exist,
    /// and every table's rows are counted. Throws <see cref="BackupRefusedException"/> otherwise.
    /// </summary>
    public static BackupCheck Check(string path, DatabaseProfile? profile)
    {
        if (!LooksLikeSqlite(path))
        {
            throw new BackupRefusedException("backup.notSqlite", $"Berkas ini bukan {Label(profile)} (bukan berkas SQLite).");
        }
        try
        {
            using var c = new SqliteConnection(OwnFile(path));
            c.Open();
            var integrity = Scalars(c, "PRAGMA integrity_check");
            if (integrity is not ["ok"])
            {
                throw new BackupRefusedException("backup.integrity",
                    $"Pemeriksaan keutuhan gagal: {string.Join("; ", integrity.Take(5))}");
            }
            var tables = Scalars(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
            var missing = (profile?.RequiredTables ?? ["schema_migrations"]).Where(t => !tables.Contains(t, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new BackupRefusedException("backup.foreign",
                    $"Berkas ini bukan {Label(profile)}: tabel {string.Join(", ", missing)} tidak ada.");
            }
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                counts[table] = Convert.ToInt64(Scalar(c, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\""), CultureInfo.InvariantCulture);
            }
            var version = Convert.ToInt32(Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), CultureInfo.InvariantCulture);
            return new BackupCheck("ok", version, counts);
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException("backup.unreadable", $"Berkas ini tidak dapat dibaca sebagai {Label(profile)}: {e.Message}");
        }
    }

    private static string Label(DatabaseProfile? profile) => profile?.Label ?? "basis data SIMPUS";

    private static bool LooksLikeSqlite(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[16];
        return f.ReadAtLeast(head, 16, throwOnEndOfStream: false) == 16 && head.SequenceEqual("SQLite format 3\0"u8);
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static List<string> Scalars(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }
        return list;
    }
}
