namespace Simpus.Core.Backup;

/// <summary>The <c>Simpus:Backup</c> configuration section (both services).</summary>
public sealed class BackupOptions
{
    public const string Section = "Simpus:Backup";

    /// <summary>Scheduled backups on (default) or off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where backups go (a second disk, a USB drive, a network share). The folder set on the admin page wins over this;
    /// when neither is set: <c>backup</c> inside the data folder (same disk: better than nothing, the admin page warns).
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>When set, backups are encrypted (AES-256-GCM, key from this passphrase by PBKDF2) as <c>.db.enc</c>.</summary>
    public string? Passphrase { get; set; }

    /// <summary>A backup is taken when the last good one is older than this (hours; default 24).</summary>
    public double IntervalHours { get; set; } = 24;

    /// <summary>How often the scheduler looks (seconds; default 600). The first look is this long after start.</summary>
    public double CheckSeconds { get; set; } = 600;

    public int KeepDaily { get; set; } = 7;

    public int KeepWeekly { get; set; } = 4;

    public int KeepMonthly { get; set; } = 12;

    public bool IsValid() =>
        IntervalHours > 0 && CheckSeconds > 0 && KeepDaily >= 1 && KeepWeekly >= 0 && KeepMonthly >= 0
        && (Passphrase is null || Passphrase.Length >= 8);
}
