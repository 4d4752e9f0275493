namespace Simpus.Web.Auth;

/// <summary>The <c>Simpus:Auth</c> section: sessions and login throttling. Defaults suit a clinic LAN.</summary>
public sealed class AuthOptions
{
    public const string Section = "Simpus:Auth";

    /// <summary>A session unused this long ends (default 8 hours: a working day).</summary>
    public int IdleTimeoutMinutes { get; set; } = 480;

    /// <summary>How long a checked session is trusted without looking at the database again (0–10 s, default 2).</summary>
    public int SessionCheckSeconds { get; set; } = 2;

    /// <summary>Failed logins from one address for one user name before that pair is locked (default 5).</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>Failed logins for one user name from all addresses together (15 minutes) after which every attempt is slowed (default 20).</summary>
    public int UserCeiling { get; set; } = 20;

    /// <summary>How long each login of a user above the ceiling is held back, in seconds (default 2; never a lock).</summary>
    public double CeilingDelaySeconds { get; set; } = 2;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public bool IsValid() =>
        IdleTimeoutMinutes is >= 1 and <= 7 * 24 * 60 && SessionCheckSeconds is >= 0 and <= 10 && FreeAttempts is >= 1 and <= 100
        && UserCeiling is >= 1 and <= 10_000 && CeilingDelaySeconds is >= 0 and <= 30;
}
