namespace Simpus.Web.Hosting;

/// <summary>The <c>Simpus</c> configuration section shared by the clinic and district hosts.</summary>
public sealed class SimpusOptions
{
    public const string Section = "Simpus";

    /// <summary>Folder of the SQLite file (created on first start).</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>The admin's password when the database is created; if empty a random one is printed once.</summary>
    public string? AdminPassword { get; set; }
}
