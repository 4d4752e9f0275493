namespace Simpus.Core.Backup;

/// <summary>
/// Which SIMPUS database a backup belongs to: how its files are named and which tables prove that a file is one
/// (so a restore refuses a foreign file, or the district's database offered as the clinic's).
/// </summary>
public sealed record DatabaseProfile(string FilePrefix, string Label, IReadOnlyList<string> RequiredTables)
{
    /// <summary>The clinic's <c>simpus.db</c>.</summary>
    public static readonly DatabaseProfile Clinic = new("simpus", "basis data klinik SIMPUS",
        ["schema_migrations", "settings", "users", "patients", "visits"]);

    /// <summary>The Dinas Kesehatan's <c>simpus-dinkes.db</c>.</summary>
    public static readonly DatabaseProfile District = new("simpus-dinkes", "basis data Dinkes SIMPUS",
        ["schema_migrations", "settings", "users", "puskesmas", "packages"]);
}
