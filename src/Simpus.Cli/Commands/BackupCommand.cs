using System.Globalization;
using Simpus.Core.Backup;

namespace Simpus.Cli.Commands;

/// <summary>
/// <c>simpus backup --data DIR [--to FOLDER] [--passphrase P] [--district]</c>: a verified online backup of the database in the data
/// folder (the service may keep running), into the folder chosen on the admin page (or <c>--to</c>, or <c>DIR/backup</c>), rotated
/// like the scheduled ones, encrypted when a passphrase is given (or <c>SIMPUS_BACKUP_PASSPHRASE</c> is set).
/// </summary>
public sealed class BackupCommand : ICommand
{
    public const string PassphraseVariable = "SIMPUS_BACKUP_PASSPHRASE";

    private static readonly HashSet<string> WithValue = ["--data", "--to", "--passphrase"];
    private static readonly HashSet<string> Switches = ["--help", "-h", "--district"];

    public string Name => "backup";

    public string Description => "Cadangkan basis data (boleh saat layanan berjalan): simpus backup --data DIR [--to FOLDER] [--passphrase SANDI] [--district]";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (CliOptions.Start(args, WithValue, Switches, this, console, out var errors) is not { } options)
        {
            return ExitCodes.Ok;
        }
        var dataDir = options["--data"];
        if (string.IsNullOrWhiteSpace(dataDir))
        {
            errors.Add("--data DIR wajib diisi: folder data SIMPUS.");
        }
        if (options.Has("--to") && string.IsNullOrWhiteSpace(options["--to"]))
        {
            errors.Add("--to FOLDER: tulis folder tujuan.");
        }
        var passphrase = options["--passphrase"] ?? Environment.GetEnvironmentVariable(PassphraseVariable);
        if (passphrase is { Length: < 8 })
        {
            errors.Add("Kata sandi cadangan paling sedikit 8 karakter.");
        }
        if (errors.Count > 0)
        {
            errors.ForEach(console.Error.WriteLine);
            console.Error.WriteLine("Pemakaian: " + Description);
            return ExitCodes.Usage;
        }
        var profile = options.Has("--district") ? DatabaseProfile.District : DatabaseProfile.Clinic;
        var dbPath = Path.Combine(dataDir!, ClinicDataFile.FileOf(profile));
        if (!File.Exists(dbPath))
        {
            console.Error.WriteLine($"Basis data tidak ditemukan: {Path.GetFullPath(dbPath)}. Periksa --data (folder data SIMPUS).");
            return ExitCodes.NoData;
        }
        return ClinicDataFile.Run(dbPath, console, db =>
        {
            var service = new BackupService(db, profile, new BackupOptions { Passphrase = passphrase }, dataDir!, Clock);
            console.Out.WriteLine($"Mencadangkan {Path.GetFullPath(dbPath)} ...");
            try
            {
                var run = service.TakeNow("cli", options["--to"], passphrase);
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Selesai: {Path.Combine(run.Folder!, run.FileName!)} ({run.SizeBytes / 1024.0 / 1024.0:0.0} MB{(run.Encrypted ? ", terenkripsi" : "")}, {run.Seconds:0.0} detik)."));
                console.Out.WriteLine("Diperiksa utuh (integrity_check ok). Jumlah baris: " + RowSummary(run.RowCounts));
                return ExitCodes.Ok;
            }
            catch (BackupFailedException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.CannotWrite;
            }
        });
    }

    internal static string RowSummary(IReadOnlyDictionary<string, long>? counts) =>
        counts is null ? "-" : string.Join(", ", counts.Where(kv => kv.Value > 0).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}")));
}
