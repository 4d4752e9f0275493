using System.Globalization;
using System.Security.Claims;
using Simpus.Clinic.AccessLog;
using Simpus.Clinic.Hosting;
using Simpus.Core.AccessLog;
using Simpus.Core.Common;
using Simpus.Core.Documents;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Documents;

/// <summary>
/// Printed documents: the letterhead and letter-number settings, the patient card with its barcode, the prescription slip,
/// numbered letters (issue, preview, reprint) and the print log; and the print pages under <c>/cetak/...</c>.
/// </summary>
public static class DocumentsApi
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddSingleton<DocumentSettingsStore>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<Simpus.Core.Demo.IDemoSeeder, DocumentsDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/settings/documents").WithTags("Dokumen");
        settings.MapGet("", (DocumentSettingsStore store) => TypedResults.Ok(store.Get()))
            .WithSummary("Kop surat (kab/kota, nama, alamat, telepon, email, ada logo) dan format nomor surat per jenis.");
        settings.MapPut("", (DocumentSettingsInput input, DocumentSettingsStore store) => TypedResults.Ok(store.Save(input)))
            .RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .WithSummary("Ubah kop surat dan format nomor surat ({seq}, {seq:000}, {month}, {month-roman}, {year}); logo sebagai data URL PNG/JPEG.");

        var documents = app.MapGroup("/api/documents").WithTags("Dokumen");
        documents.MapGet("/logo", (DocumentSettingsStore store) =>
            store.Logo() is { } logo ? Results.File(logo.Bytes, logo.ContentType) : Results.NotFound())
            .Produces(200, contentType: "image/png").ProducesProblem(404);
        documents.MapGet("/barcode", (string? value) =>
        {
            var text = value ?? "";
            if (!Code128.CanEncode(text))
            {
                throw ValidationFailedException.For("value", "barcode.value", "Isi kode batang 1–48 karakter ASCII yang dapat dicetak.");
            }
            return Results.Text(Code128.Svg(text), "image/svg+xml");
        }).Produces(200, contentType: "image/svg+xml").ProducesValidationProblem()
            .WithSummary("Kode batang Code 128 (SVG) dari teks, mis. No. RM pada kartu berobat.");
        documents.MapGet("/card/{rm}", (string rm, DocumentService service) => TypedResults.Ok(service.Card(rm)))
            .ProducesProblem(404).WithSummary("Isi kartu berobat pasien: No. RM (= isi kode batang), nama, tanggal lahir, alamat, kop.");
        documents.MapGet("/prescription/{visitId:long}", (long visitId, DocumentService service) => TypedResults.Ok(service.Prescription(visitId)))
            .LogsRecordAccess(RecordPart.Prescription)
            .RequireAuthorization(Policies.Clinical).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Isi resep untuk farmasi dari pemeriksaan: pasien, BB, diagnosis utama, obat dengan aturan pakai, penulis resep.");
        documents.MapPost("/prints", (PrintInput input, ClaimsPrincipal user, DocumentService service) =>
            TypedResults.Created($"/api/documents/prints", service.LogPrint(input, user.UserName())))
            .ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Catat satu pencetakan: dokumen (kartu, resep, rujukan, sakit, sehat) dan No. RM, kunjungan atau surat.");
        documents.MapGet("/prints", (string? date, DocumentService service) => TypedResults.Ok(service.PrintLog(ParseDate(date))))
            .RequireAuthorization(Policies.Head).ProducesValidationProblem()
            .WithSummary("Log cetak satu hari (bawaan hari ini): siapa, kapan, dokumen apa.");

        var visits = app.MapGroup("/api/visits/{id:long}/letters").WithTags("Dokumen").RequireAuthorization(Policies.Clinical);
        visits.MapGet("", (long id, DocumentService service) => TypedResults.Ok(service.LettersOfVisit(id))).ProducesProblem(404)
            .LogsRecordAccess(RecordPart.Letters);
        visits.MapPost("/draft", (long id, LetterInput input, ClaimsPrincipal user, DocumentService service) =>
            TypedResults.Ok(service.Draft(id, input, user.UserName())))
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Pratinjau surat (belum bernomor, tidak disimpan).");
        visits.MapPost("", (long id, LetterInput input, ClaimsPrincipal user, DocumentService service) =>
        {
            var letter = service.Issue(id, input, user.UserName());
            return TypedResults.Created($"/api/letters/{letter.Id}", letter);
        }).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Terbitkan surat rujukan, keterangan sakit (restDays, restFrom) atau keterangan sehat (purpose, conclusion): nomor urut per jenis per tahun, isi dibekukan.");

        app.MapGet("/api/letters/{id:long}", (long id, DocumentService service) => TypedResults.Ok(service.GetLetter(id)))
            .RequireAuthorization(Policies.Clinical).WithTags("Dokumen").ProducesProblem(404)
            .WithSummary("Surat yang sudah terbit: nomor dan isi yang sama setiap dicetak ulang.");
        app.MapGet("/api/patients/{rm}/letters", (string rm, DocumentService service) => TypedResults.Ok(service.LettersOfPatient(rm)))
            .RequireAuthorization(Policies.Clinical).WithTags("Dokumen").ProducesProblem(404).LogsRecordAccess(RecordPart.Letters);

        var assembly = typeof(DocumentsApi).Assembly;
        app.MapPage("/cetak/kartu/{rm}", assembly, "cetak-kartu.html");
        app.MapPage("/cetak/resep/{visitId:long}", assembly, "cetak-resep.html", Policies.Clinical);
        app.MapPage("/cetak/surat/baru", assembly, "cetak-surat.html", Policies.Clinical);
        app.MapPage("/cetak/surat/{letterId:long}", assembly, "cetak-surat.html", Policies.Clinical);
        return app;
    }

    private static DateOnly? ParseDate(string? date)
    {
        if (Text.Clean(date) is not { } text)
        {
            return null;
        }
        return DateRange.ParseDate(text, "date");
    }
}
