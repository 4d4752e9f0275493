namespace Simpus.Clinic.Hosting;

/// <summary>Authorization policies by role. Roles: admin, pendaftaran (registration desk), klinisi (clinician), kepala (head).</summary>
public static class Policies
{
    public const string Admin = "admin";
    /// <summary>Registration desk work: registering patients and visits.</summary>
    public const string Desk = "desk";
    /// <summary>Clinical work at the poli.</summary>
    public const string Clinical = "clinical";
    /// <summary>The head's pages: reports, attendance recap.</summary>
    public const string Head = "head";

    public static readonly IReadOnlyList<string> Roles = ["admin", "pendaftaran", "klinisi", "kepala"];
}
