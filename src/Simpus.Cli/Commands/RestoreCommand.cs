using Simpus.Core.Backup;
using Simpus.Core.Data;

namespace Simpus.Cli.Commands;

/// <summary>
/// <c>simpus restore --from FILE --data DIR [--passphrase P] [--district]</c>: puts a backup back as the database of the data folder,
/// with the service stopped. Refuses a corrupt, foreign or undecryptable file (nothing changes); keeps the replaced database as
/// <c>simpus.db.before-restore-{stamp}</c>.
/// </summary>
public sealed class RestoreCommand : ICommand
{
    private static readonly HashSet<string> WithValue = ["--data", "--from", "--passphrase"];
    private static readonly HashSet<string> Switches = ["--help", "-h", "--district"];

    public string Name => "restore";

    public string Description => "Pulihkan dari cadangan (layanan dihentikan dulu): simpus restore --from FILE --data DIR [--passphrase SANDI] [--district]";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (CliOptions.Start(args, WithValue, Switches, this, console, out var errors) is not { } options)
        {
            return ExitCodes.Ok;
        }
        var dataDir = options["--data"];
        var from = options["--from"];
        if (string.IsNullOrWhiteSpace(from))
        {
            errors.Add("--from FILE wajib diisi: berkas cadangan (.db atau .db.enc).");
        }
        if (string.IsNullOrWhiteSpace(dataDir))
        {
            errors.Add("--data DIR wajib diisi: folder data SIMPUS yang dipulihkan.");
        }
        if (errors.Count > 0)
        {
            errors.ForEach(console.Error.WriteLine);
            console.Error.WriteLine("Pemakaian: " + Description);
            return ExitCodes.Usage;
        }
        var profile = options.Has("--district") ? DatabaseProfile.District : DatabaseProfile.Clinic;
        var dbPath = Path.Combine(dataDir!, ClinicDataFile.FileOf(profile));
        var passphrase = options["--passphrase"] ?? Environment.GetEnvironmentVariable(BackupCommand.PassphraseVariable);
        // The district's migrations live in its service; its newest schema is not known here.
        var newest = profile == DatabaseProfile.Clinic
            ? Migrator.ForClinic(new Database(Path.Combine(Path.GetTempPath(), "unused.db"))).Available().Max(m => m.Version)
            : int.MaxValue;
        try
        {
            var result = BackupRestorer.Restore(from!, dbPath, profile, newest, passphrase, Clock);
            console.Out.WriteLine($"Dipulihkan: {result.DatabasePath} (skema {result.SchemaVersion}).");
            console.Out.WriteLine("Jumlah baris: " + BackupCommand.RowSummary(result.RowCounts));
            if (result.KeptAside is not null)
            {
                console.Out.WriteLine($"Basis data sebelumnya disimpan sebagai {result.KeptAside}");
            }
            console.Out.WriteLine("Jalankan layanan lagi; migrasi yang belum ada diterapkan saat mulai.");
            return ExitCodes.Ok;
        }
        catch (BackupRefusedException e)
        {
            console.Error.WriteLine($"Ditolak: {e.Message}");
            return e.Code is "backup.notFound" ? ExitCodes.NoData : ExitCodes.Refused;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"Tidak dapat memulihkan: {e.Message}");
            return ExitCodes.CannotWrite;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
