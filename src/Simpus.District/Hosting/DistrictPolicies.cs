namespace Simpus.District.Hosting;

/// <summary>Roles at the Dinas Kesehatan: admin (registry, keys, users, DHIS2 mapping) and petugas (receives, reviews, downloads).</summary>
public static class DistrictPolicies
{
    public const string Admin = "admin";
    public const string Staff = "staff";

    public static readonly IReadOnlyList<string> Roles = ["admin", "petugas"];
}
