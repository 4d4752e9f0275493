using Simpus.District.Hosting;
using Simpus.District.Quality;
using Simpus.Web.Hosting;

namespace Simpus.District.Farmasi;

/// <summary>The district's pharmacy views (package schema 2): LPLPO recap per drug, stock-outs, expiry, POR per puskesmas.</summary>
public static class PharmacyApi
{
    public static RouteGroupBuilder MapDistrictPharmacy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pharmacy").WithTags("Farmasi").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/lplpo", (string? month, DistrictPharmacy pharmacy) => TypedResults.Ok(pharmacy.Lplpo(QualityApi.Month(month))))
            .ProducesValidationProblem()
            .WithSummary("Rekap LPLPO per obat seluruh puskesmas (month=YYYY-MM): stok awal, penerimaan, pemakaian, sisa, stok optimum, permintaan, " +
                "ketersediaan, jumlah puskesmas kosong, permintaan per puskesmas — untuk perencanaan instalasi farmasi.");
        group.MapGet("/stockouts", (string? month, DistrictPharmacy pharmacy) => TypedResults.Ok(pharmacy.StockOuts(QualityApi.Month(month))))
            .ProducesValidationProblem()
            .WithSummary("Kekosongan obat: per puskesmas dan obat yang habis padahal dipakai, atau ada hari tanpa stok dalam bulan itu.");
        group.MapGet("/expiry", (string? month, DistrictPharmacy pharmacy) => TypedResults.Ok(pharmacy.Expiry(QualityApi.Month(month))))
            .ProducesValidationProblem()
            .WithSummary("Obat kedaluwarsa yang dikeluarkan bulan itu dan stok yang segera kedaluwarsa, per puskesmas dan obat.");
        group.MapGet("/por", (string? month, DistrictPharmacy pharmacy) => TypedResults.Ok(pharmacy.Por(QualityApi.Month(month))))
            .ProducesValidationProblem()
            .WithSummary("POR per puskesmas dan kabupaten (baris terakhir): kasus dan yang mendapat antibiotik/injeksi per kelompok, item per resep.");
        app.MapPage("/obat", typeof(PharmacyApi).Assembly, "obat.html", DistrictPolicies.Staff);
        return group;
    }
}
