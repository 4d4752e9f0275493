using System.Globalization;
using System.Security.Claims;
using System.Text;
using Simpus.Clinic.Hosting;
using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Pharmacy;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Pharmacy;

/// <summary>
/// The pharmacy (apotek): the day's prescriptions and dispensing, stock in batches (receipts, adjustments, stock opname, stock card),
/// alerts, LPLPO and POR, the pharmacy settings, and the drug catalogue's CSV import.
/// </summary>
public static class PharmacyApi
{
    public static IServiceCollection AddPharmacy(this IServiceCollection services)
    {
        services.AddSingleton<PharmacySettingsStore>();
        services.AddSingleton<PharmacyClock>();
        services.AddSingleton<StockService>();
        services.AddSingleton<DispensingService>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<DrugCsvImport>();
        services.AddSingleton<Core.Demo.IDemoSeeder, PharmacyDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapPharmacy(this IEndpointRouteBuilder app)
    {
        // The pharmacy migration asks once for the shipped Fornas classes, after the catalogue is loaded.
        var catalogue = app.ServiceProvider.GetRequiredService<DrugCatalogue>();
        catalogue.EnsureLoaded();
        catalogue.EnsureFornasClasses();

        var api = app.MapGroup("/api/pharmacy").WithTags("Farmasi").RequireAuthorization(Policies.PharmacyView);
        MapDispensing(api);
        MapStock(api);
        MapReports(api);
        app.MapGet("/api/pharmacy/availability", (string? drugs, StockService stock) =>
                TypedResults.Ok(stock.Availability((drugs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))))
            .RequireAuthorization(Policies.StockView).WithTags("Farmasi")
            .WithSummary("Stok yang dapat dipakai (bets belum kedaluwarsa) per kode obat, untuk pemeriksa saat menulis resep: drugs=OB001,OB011.");
        app.MapPost("/api/drugs/import", ImportDrugs).RequireAuthorization(Policies.Admin).WithTags("Obat")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(DrugCsvImport.MaxBytes + 64 * 1024))
            .Accepts<IFormFile>("multipart/form-data", "text/csv", "text/plain")
            .Produces<DrugImportResult>().ProducesValidationProblem()
            .WithSummary("Impor katalog obat dari CSV (kolom code/kode, name/nama, unit/satuan; opsional form, fornas_class, minimum, active): " +
                "kode baru ditambah, yang ada diperbarui; baris salah dilaporkan dengan nomornya.");

        var assembly = typeof(PharmacyApi).Assembly;
        app.MapPage("/apotek", assembly, "apotek.html", Policies.PharmacyView);
        app.MapPage("/apotek/stok", assembly, "apotek-stok.html", Policies.PharmacyView);
        app.MapPage("/apotek/penerimaan", assembly, "apotek-penerimaan.html", Policies.PharmacyView);
        app.MapPage("/apotek/opname", assembly, "apotek-opname.html", Policies.PharmacyView);
        app.MapPage("/apotek/laporan", assembly, "apotek-laporan.html", Policies.PharmacyView);
        return app;
    }

    private static void MapDispensing(RouteGroupBuilder api)
    {
        api.MapGet("/worklist", (string? date, string? poli, DispensingService dispensing) =>
                TypedResults.Ok(dispensing.Worklist(OptionalDate(date, "date"), Text.Clean(poli)?.ToLowerInvariant())))
            .ProducesValidationProblem()
            .WithSummary("Resep hari ini (atau date=yyyy-MM-dd) untuk apotek: yang menunggu dahulu, terbaru dahulu; poli= menyaring per poli.");
        api.MapGet("/prescriptions/{visitId:long}", (long visitId, DispensingService dispensing) => TypedResults.Ok(dispensing.Get(visitId)))
            .ProducesProblem(404).WithSummary("Resep satu kunjungan: baris resep, stok tersedia, yang sudah diberikan (bets), status serah.");
        api.MapPost("/prescriptions/{visitId:long}/lines/{prescriptionId:long}/dispense",
                (long visitId, long prescriptionId, DispenseInput input, ClaimsPrincipal user, DispensingService dispensing) =>
                    TypedResults.Ok(dispensing.Dispense(visitId, prescriptionId, input, user.UserName())))
            .RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Berikan satu baris resep dari bets yang paling dulu kedaluwarsa (FEFO). quantity kosong = sesuai resep; kurang dari resep, 0 " +
                "(tidak diberikan) atau drug pengganti memerlukan reason. Stok tidak cukup → 409 stock.insufficient dengan available.");
        api.MapPost("/prescriptions/{visitId:long}/dispensed/{lineId:long}/void",
                (long visitId, long lineId, DispenseVoidInput input, ClaimsPrincipal user, DispensingService dispensing) =>
                    TypedResults.Ok(dispensing.VoidLine(visitId, lineId, input, user.UserName())))
            .RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Batalkan pemberian yang salah (sebelum diserahkan) dengan reason; jumlahnya kembali ke bets asalnya.");
        api.MapPost("/prescriptions/{visitId:long}/handover", (long visitId, ClaimsPrincipal user, DispensingService dispensing) =>
                TypedResults.Ok(dispensing.HandOver(visitId, user.UserName())))
            .RequireAuthorization(Policies.Pharmacy).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Tandai obat sudah diserahkan kepada pasien; semua baris harus sudah diproses (409 dispensing.linesOpen).");
    }

    private static void MapStock(RouteGroupBuilder api)
    {
        api.MapGet("/stock", (string? q, bool? onlyWithStock, StockService stock) => TypedResults.Ok(stock.Stock(q, onlyWithStock == true)))
            .WithSummary("Stok per obat: yang dapat dipakai, yang kedaluwarsa masih di rak, minimum, kedaluwarsa terdekat, pemakaian rata-rata 3 bulan.");
        api.MapGet("/stock/{drug}/card", (string drug, string? from, string? to, StockService stock) =>
                TypedResults.Ok(stock.Card(drug, OptionalDate(from, "from"), OptionalDate(to, "to"))))
            .ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Kartu stok satu obat (from/to yyyy-MM-dd, default bulan ini): setiap mutasi dengan saldo sesudahnya, dan bets-betsnya.");
        api.MapGet("/batches", (string? drug, bool? all, StockService stock) => TypedResults.Ok(stock.Batches(drug, all == true)))
            .WithSummary("Bets yang masih ada stoknya (all=true: semua), urut obat lalu kedaluwarsa.");

        api.MapGet("/receipts", (string? month, StockService stock, PharmacyClock clock) =>
            {
                var (from, to) = OptionalMonth(month, clock.Today);
                return TypedResults.Ok(stock.Receipts(from, to));
            }).ProducesValidationProblem().WithSummary("Penerimaan obat (month=YYYY-MM, default yang terbaru), terbaru dahulu.");
        api.MapGet("/receipts/{id:long}", (long id, StockService stock) => TypedResults.Ok(stock.GetReceipt(id))).ProducesProblem(404);
        api.MapPost("/receipts", (ReceiptInput input, ClaimsPrincipal user, StockService stock) =>
            {
                var receipt = stock.Receive(input, user.UserName());
                return TypedResults.Created($"/api/pharmacy/receipts/{receipt.Id}", receipt);
            }).RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Catat penerimaan: documentNumber, date, source, funding (apbd, apbn, jkn, program, hibah, lainnya), note, " +
                "lines [{drug, batch, expiry, quantity}]. Dokumen yang sama dari sumber yang sama → 409 receipt.duplicate.");

        api.MapGet("/adjustments", (string? month, StockService stock, PharmacyClock clock) =>
            {
                var (from, to) = OptionalMonth(month, clock.Today);
                return TypedResults.Ok(stock.Adjustments(from, to));
            }).ProducesValidationProblem().WithSummary("Pengeluaran selain resep (kedaluwarsa, rusak, hilang, dikembalikan).");
        api.MapPost("/adjustments", (AdjustmentInput input, ClaimsPrincipal user, StockService stock) =>
            {
                var adjustment = stock.Adjust(input, user.UserName());
                return TypedResults.Created($"/api/pharmacy/adjustments/{adjustment.Id}", adjustment);
            }).RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Keluarkan stok dari satu bets: batchId, reason (kedaluwarsa, rusak, hilang, dikembalikan), quantity (kedaluwarsa tanpa " +
                "quantity = seluruh sisa bets), date, note.");

        api.MapGet("/opnames", (StockService stock) => TypedResults.Ok(stock.Opnames())).WithSummary("Stok opname yang sudah dicatat.");
        api.MapGet("/opnames/{id:long}", (long id, StockService stock) => TypedResults.Ok(stock.GetOpname(id))).ProducesProblem(404);
        api.MapPost("/opnames", (OpnameInput input, ClaimsPrincipal user, StockService stock) =>
            {
                var opname = stock.Count(input, user.UserName());
                return TypedResults.Created($"/api/pharmacy/opnames/{opname.Id}", opname);
            }).RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Catat stok opname: date, note, lines [{batchId, counted, expected}]; selisih dibukukan. expected yang tidak sama lagi " +
                "dengan saldo sistem → 409 opname.stockChanged.");
    }

    private static void MapReports(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", (AlertService alerts) => TypedResults.Ok(alerts.Build()))
            .WithSummary("Peringatan: bets yang kedaluwarsa dalam batas (bawaan 3 bulan), obat di bawah minimum, obat tanpa stok yang diresepkan hari ini.");
        api.MapGet("/lplpo", (string? month, Database db, PharmacySettingsStore settings, PharmacyClock clock) =>
            {
                var (year, number) = RequiredMonth(month, clock.Today);
                return TypedResults.Ok(Lplpo.Build(db, settings.Get(), year, number, clock.Today));
            }).ProducesValidationProblem()
            .WithSummary("LPLPO bulan (month=YYYY-MM): stok awal, penerimaan, persediaan, pemakaian, rusak/hilang, selisih opname, sisa stok, " +
                "stok optimum, permintaan, ketersediaan (bulan), hari tanpa stok, per obat.");
        api.MapGet("/por", (string? month, Database db, PharmacySettingsStore settings, PharmacyClock clock) =>
            {
                var (year, number) = RequiredMonth(month, clock.Today);
                return TypedResults.Ok(Por.Build(db, settings.Get(), year, number));
            }).ProducesValidationProblem()
            .WithSummary("POR bulan (month=YYYY-MM): ISPA non-pneumonia dengan antibiotik, diare non-spesifik dengan antibiotik, myalgia dengan injeksi, " +
                "rerata item obat per resep.");
        api.MapGet("/settings", (PharmacySettingsStore settings) => TypedResults.Ok(settings.Get()));
        api.MapPut("/settings", (PharmacySettings input, PharmacySettingsStore settings) => TypedResults.Ok(settings.Save(input)))
            .RequireAuthorization(Policies.Pharmacy).ProducesValidationProblem()
            .WithSummary("Batas peringatan kedaluwarsa, periode distribusi, waktu tunggu, stok penyangga, pengelola obat, definisi POR.");
    }

    private static async Task<IResult> ImportDrugs(HttpContext http, DrugCsvImport import)
    {
        if (http.Request.ContentLength > DrugCsvImport.MaxBytes)
        {
            throw ValidationFailedException.For("file", "file.tooLarge", "Berkas terlalu besar (paling besar 2 MB).");
        }
        byte[] content;
        try
        {
            using var ms = new MemoryStream();
            if (http.Request.HasFormContentType)
            {
                var form = await Uploads.ReadFormAsync(http.Request);
                var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                    ?? throw ValidationFailedException.For("file", "file.required", "Pilih berkas CSV katalog obat.");
                await file.CopyToAsync(ms, http.RequestAborted);
            }
            else
            {
                await http.Request.Body.CopyToAsync(ms, http.RequestAborted);
            }
            content = ms.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw ValidationFailedException.For("file", "file.unreadable", "Kiriman berkas rusak atau tidak lengkap; unggah ulang.");
        }
        if (content.Length == 0)
        {
            throw ValidationFailedException.For("file", "file.empty", "Berkas kosong.");
        }
        if (content.Length > DrugCsvImport.MaxBytes)
        {
            throw ValidationFailedException.For("file", "file.tooLarge", "Berkas terlalu besar (paling besar 2 MB).");
        }
        return TypedResults.Ok(import.Import(Decode(content)));
    }

    /// <summary>UTF-8 (with or without BOM); a file saved by Excel in the Windows code page is read as Latin-1.</summary>
    private static string Decode(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }

    private static DateOnly? OptionalDate(string? text, string field)
    {
        if (Text.Clean(text) is not { } s)
        {
            return null;
        }
        return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? d
            : throw ValidationFailedException.For(field, field + ".format", "Tanggal harus berformat yyyy-MM-dd.");
    }

    private static (DateOnly? From, DateOnly? To) OptionalMonth(string? month, DateOnly today)
    {
        if (Text.Clean(month) is null)
        {
            return (null, null);
        }
        var (year, number) = RequiredMonth(month, today);
        var from = new DateOnly(year, number, 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary><c>month=YYYY-MM</c>, not in the future; required.</summary>
    public static (int Year, int Month) RequiredMonth(string? month, DateOnly today)
    {
        var text = Text.Clean(month);
        if (text is null)
        {
            throw ValidationFailedException.For("month", "month.required", "Bulan wajib diisi (YYYY-MM), contoh 2026-10.");
        }
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 2000)
        {
            throw ValidationFailedException.For("month", "month.format", "Bulan harus berformat YYYY-MM, contoh 2026-10.");
        }
        if (parsed.Year * 12 + parsed.Month > today.Year * 12 + today.Month)
        {
            throw ValidationFailedException.For("month", "month.future", "Bulan tidak boleh di masa depan.");
        }
        return (parsed.Year, parsed.Month);
    }
}
