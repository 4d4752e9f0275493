using Simpus.Core.Common;
using Simpus.Core.Regions;
using Simpus.Core.Settings;

namespace Simpus.Clinic.Regions;

/// <summary>The official region list: pick a desa/kelurahan, kecamatan or kab/kota by typing its name.</summary>
public static partial class RegionsApi
{
    public static IServiceCollection AddRegions(this IServiceCollection services) => services.AddSingleton<RegionDirectory>();

    public static IEndpointRouteBuilder MapRegions(this IEndpointRouteBuilder app)
    {
        // First start: the 91,599 rows of db/reference/wilayah.csv go into the empty regions table.
        var (added, elapsed) = app.ServiceProvider.GetRequiredService<RegionDirectory>().EnsureLoaded();
        if (added > 0)
        {
            LogLoaded(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Simpus.Regions"), added, (long)elapsed.TotalMilliseconds);
        }

        var group = app.MapGroup("/api/regions").WithTags("Wilayah");
        group.MapGet("/", (string? q, int? level, string? near, string? within, int? limit, RegionDirectory regions, SettingsStore settings) =>
        {
            var lvl = level ?? 4;
            if (lvl is < 1 or > 4)
            {
                throw ValidationFailedException.For("level", "level.range", "Tingkat wilayah 1 (provinsi), 2 (kab/kota), 3 (kecamatan) atau 4 (desa/kelurahan).");
            }
            var s = settings.Get();
            var nearCode = NormalizedCode(near) ?? (lvl >= 4 ? s.KecamatanCode ?? s.RegionCode : lvl == 3 ? s.RegionCode : null);
            return TypedResults.Ok(regions.Search(q, lvl, nearCode, NormalizedCode(within), limit ?? 15));
        }).ProducesValidationProblem().WithSummary("Cari wilayah menurut nama (atau awal kode): desa/kelurahan di kecamatan puskesmas dulu, lalu kab/kota, provinsi, seluruh Indonesia.");

        group.MapGet("/{code}", (string code, RegionDirectory regions) =>
        {
            var normalized = Core.Identity.RegionCode.Normalize(code) ?? "";
            return regions.Find(normalized) is { } r
                ? TypedResults.Ok(new RegionMatch(r.Code, r.Name, r.Kind, null, null, null, regions.Label(r.Code) ?? r.Name))
                : throw new NotFoundException("region.notFound", $"Kode wilayah {code} tidak ada dalam daftar Kemendagri.");
        }).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Satu wilayah menurut kodenya, dengan nama dan nama wilayah di atasnya.");
        return app;
    }

    private static string? NormalizedCode(string? code) => Core.Identity.RegionCode.Normalize(code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Region list loaded: {Rows} rows in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, int rows, long milliseconds);
}
