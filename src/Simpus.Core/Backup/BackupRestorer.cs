using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Simpus.Core.Backup;

/// <summary>What a restore did: the file now in place, where the replaced database was kept, what the restored one holds.</summary>
public sealed record RestoreResult(string DatabasePath, string? KeptAside, int SchemaVersion, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>
/// Puts a backup back as the live database, only when the service is stopped: the file is decrypted (when encrypted) into a
/// temporary file beside the database, checked (integrity, the right kind of SIMPUS database, not from a newer release),
/// then the current database is kept aside as <c>{file}.before-restore-{yyyyMMdd-HHmmss}Z</c> and the checked copy takes its
/// place. A corrupt, foreign or undecryptable file changes nothing.
/// </summary>
public static class BackupRestorer
{
    public static RestoreResult Restore(string from, string databasePath, DatabaseProfile profile, int newestSchemaVersion, string? passphrase, TimeProvider clock)
    {
        if (!File.Exists(from))
        {
            throw new BackupRefusedException("backup.notFound", $"Berkas cadangan tidak ditemukan: {Path.GetFullPath(from)}");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        Directory.CreateDirectory(folder);
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "Z";
        var temp = Path.Combine(folder, $".{Path.GetFileName(databasePath)}.restore-{stamp}.tmp");
        try
        {
            if (BackupCrypto.IsEncrypted(from))
            {
                if (string.IsNullOrEmpty(passphrase))
                {
                    throw new BackupRefusedException("backup.passphraseRequired", "Berkas cadangan ini terenkripsi: beri kata sandinya (--passphrase).");
                }
                using var input = File.OpenRead(from);
                using var output = new FileStream(temp, FileMode.Create, FileAccess.Write);
                BackupCrypto.Decrypt(input, output, passphrase);
                output.Flush(flushToDisk: true);
            }
            else
            {
                File.Copy(from, temp, overwrite: true);
                BackupFile.Flush(temp);
            }
            var check = BackupFile.Check(temp, profile);
            if (check.SchemaVersion > newestSchemaVersion)
            {
                throw new BackupRefusedException("backup.newerRelease",
                    $"Cadangan ini dari versi SIMPUS yang lebih baru (skema {check.SchemaVersion}, versi ini sampai {newestSchemaVersion}). Pasang versi terbaru dulu.");
            }

            using var inUse = Data.DatabaseLock.TryAcquire(databasePath) ?? throw InUse();
            string? aside = null;
            if (File.Exists(databasePath))
            {
                CheckpointWhileNobodyUsesIt(databasePath);
                aside = $"{databasePath}.before-restore-{stamp}";
                File.Move(databasePath, aside);
                foreach (var suffix in new[] { "-wal", "-shm" })
                {
                    if (File.Exists(databasePath + suffix))
                    {
                        File.Move(databasePath + suffix, aside + suffix);
                    }
                }
            }
            File.Move(temp, databasePath);
            return new RestoreResult(Path.GetFullPath(databasePath), aside, check.SchemaVersion, check.RowCounts);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static BackupRefusedException InUse() => new("backup.databaseInUse",
        "Basis data sedang dipakai (layanan SIMPUS masih berjalan). Hentikan layanan dulu, lalu ulangi pemulihan.");

    /// <summary>
    /// Takes the database's exclusive lock (refused at once while any other connection, e.g. the running service, has it open)
    /// and folds the WAL into the file, so the copy kept aside is complete on its own.
    /// </summary>
    private static void CheckpointWhileNobodyUsesIt(string databasePath)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString();
        try
        {
            using var c = new SqliteConnection(cs);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw InUse();
        }
        catch (SqliteException)
        {
            // The current database is unreadable (that may be why it is being restored): keep it aside as it is.
        }
    }
}
