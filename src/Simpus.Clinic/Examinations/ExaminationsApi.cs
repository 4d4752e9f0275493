using System.Globalization;
using System.Security.Claims;
using Simpus.Clinic.AccessLog;
using Simpus.Clinic.Hosting;
using Simpus.Core.AccessLog;
using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Examinations;
using Simpus.Core.Kia;
using Simpus.Core.Settings;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Examinations;

/// <summary>Clinical records at the poli: worklist, examination record, ICD-10 and drug catalogues, KIA records, patient history.</summary>
public static class ExaminationsApi
{
    public static IServiceCollection AddExaminations(this IServiceCollection services)
    {
        services.AddSingleton<Icd10Catalogue>();
        services.AddSingleton<DrugCatalogue>();
        services.AddSingleton<ExaminationService>();
        services.AddSingleton<KiaService>();
        services.AddSingleton<Pregnancies>();
        services.AddSingleton<Core.Demo.IDemoSeeder, Core.Demo.ClinicalDemoSeeder>();
        services.AddSingleton<Core.Demo.IDemoSeeder, Core.Demo.KiaDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapExaminations(this IEndpointRouteBuilder app)
    {
        // First start: the shipped ICD-10 short list and formulary go into empty tables.
        app.ServiceProvider.GetRequiredService<Icd10Catalogue>().EnsureLoaded();
        app.ServiceProvider.GetRequiredService<DrugCatalogue>().EnsureLoaded();

        MapCatalogues(app);
        MapClinical(app);
        MapPages(app);
        return app;
    }

    private static void MapCatalogues(IEndpointRouteBuilder app)
    {
        var icd = app.MapGroup("/api/icd10").WithTags("ICD-10");
        icd.MapGet("/", (string? q, int? limit, Icd10Catalogue catalogue) => TypedResults.Ok(catalogue.Search(q, limit ?? 20)))
            .WithSummary("Cari ICD-10 menurut kode atau kata (Indonesia/Inggris), terbaik dahulu; tanpa q: daftar kode yang sering dipakai.");
        icd.MapGet("/{code}", (string code, Icd10Catalogue catalogue) =>
            catalogue.Find(code) is { } e ? TypedResults.Ok(e) : throw new NotFoundException("icd10.notFound", $"Kode ICD-10 {code} tidak ada di katalog."));
        icd.MapPost("/import", async (HttpRequest request, Icd10Catalogue catalogue) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            return TypedResults.Ok(catalogue.Import(new StringReader(text)));
        }).RequireAuthorization(Policies.Admin).Accepts<string>("text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Icd10Catalogue.MaxImportBytes))
            .WithSummary("Impor daftar ICD-10 lengkap dari CSV (kolom code,name_id,name_en,common): kode baru ditambah, yang ada diperbarui.");

        var drugs = app.MapGroup("/api/drugs").WithTags("Obat");
        drugs.MapGet("/", (string? q, bool? all, DrugCatalogue catalogue) => TypedResults.Ok(catalogue.Search(q, all == true, all == true ? 500 : 50)))
            .WithSummary("Katalog obat (formularium puskesmas); all=true juga yang nonaktif.");
        drugs.MapGet("/{code}", (string code, DrugCatalogue catalogue) => TypedResults.Ok(catalogue.GetRequired(code)));
        drugs.MapPost("/", (DrugInput input, DrugCatalogue catalogue) =>
        {
            var drug = catalogue.Create(input);
            return TypedResults.Created($"/api/drugs/{drug.Code}", drug);
        }).RequireAuthorization(Policies.Admin);
        drugs.MapPut("/{code}", (string code, DrugInput input, DrugCatalogue catalogue) => TypedResults.Ok(catalogue.Update(code, input)))
            .RequireAuthorization(Policies.Admin);
        drugs.MapDelete("/{code}", (string code, DrugCatalogue catalogue) => TypedResults.Ok(catalogue.Deactivate(code)))
            .RequireAuthorization(Policies.Admin).WithSummary("Menonaktifkan obat (tidak dihapus: resep lama tetap merujuknya).");
    }

    private static void MapClinical(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/poli/worklist", (string? poli, string? date, ClaimsPrincipal user, ExaminationService exams, SettingsStore settings, TimeProvider clock) =>
        {
            var code = Text.Clean(poli)?.ToLowerInvariant() ?? user.PoliOf() ?? "umum";
            if (!settings.PoliExists(code))
            {
                throw ValidationFailedException.For("poli", "poli.unknown", $"Poli '{code}' tidak dikenal.");
            }
            return TypedResults.Ok(exams.Worklist(ParseDate(date, settings, clock), code));
        }).RequireAuthorization(Policies.Clinical).WithTags("Poli")
            .WithSummary("Daftar kerja poli: kunjungan hari ini (default poli pengguna) urut nomor antrean dengan lama menunggu.");

        var visits = app.MapGroup("/api/visits/{id:long}").WithTags("Pemeriksaan").RequireAuthorization(Policies.Clinical);
        visits.MapGet("/examination", (long id, ExaminationService exams) => TypedResults.Ok(exams.Get(id))).LogsRecordAccess(RecordPart.Examination);
        visits.MapPut("/examination", (long id, bool? finish, ExaminationInput input, ClaimsPrincipal user, ExaminationService exams) =>
            TypedResults.Ok(exams.Save(id, input, Actor(user), finish == true)))
            .WithSummary("Simpan (mengganti) catatan pemeriksaan; finish=true sekaligus menyelesaikan kunjungan. Kunjungan yang masih menunggu otomatis dimulai.");
        visits.MapGet("/diagnoses/suggest", (long id, string? code, ExaminationService exams) => TypedResults.Ok(exams.Suggest(id, code)))
            .WithSummary("Saran kasus baru/lama untuk kode ICD-10 dari riwayat pasien (kategori 3 karakter yang sama pada tahun yang sama → lama).");
        visits.MapPost("/diagnoses/{diagnosisId:long}/void", (long id, long diagnosisId, VoidInput input, ClaimsPrincipal user, ExaminationService exams) =>
            TypedResults.Ok(exams.VoidDiagnosis(id, diagnosisId, input, Actor(user))))
            .WithSummary("Batalkan diagnosis yang salah masuk, dengan alasan (tidak dihapus).");
        visits.MapPost("/prescriptions/{prescriptionId:long}/void", (long id, long prescriptionId, VoidInput input, ClaimsPrincipal user, ExaminationService exams) =>
            TypedResults.Ok(exams.VoidPrescription(id, prescriptionId, input, Actor(user))))
            .WithSummary("Batalkan resep yang salah masuk, dengan alasan (tidak dihapus).");
        visits.MapGet("/clinical-audit", (long id, ExaminationService exams) => TypedResults.Ok(exams.Audit(id))).LogsRecordAccess(RecordPart.Corrections)
            .WithSummary("Jejak koreksi catatan klinis: siapa, kapan, lama → baru.");
        visits.MapGet("/kia", (long id, KiaService kia) => TypedResults.Ok(kia.Get(id))).WithTags("KIA").LogsRecordAccess(RecordPart.Kia);
        visits.MapPut("/kia", (long id, KiaInput input, ClaimsPrincipal user, KiaService kia) => TypedResults.Ok(kia.Save(id, input, Actor(user))))
            .WithTags("KIA").WithSummary("Simpan (mengganti) catatan KIA kunjungan: ANC, persalinan, KF, KN, imunisasi, penimbangan.");

        app.MapGet("/api/kia/kohort", (bool? incomplete, int? months, Pregnancies pregnancies) =>
            TypedResults.Ok(pregnancies.Register(incomplete == true, months is { } m ? Math.Clamp(m, 1, 60) : 12)))
            .RequireAuthorization(Policies.Clinical).WithTags("KIA")
            .WithSummary("Kohort ibu: kehamilan dengan kontak ANC dalam n bulan terakhir (default 12), yang masih berjalan dahulu; "
                + "incomplete=true hanya yang belum ada HPHT/usia kehamilan (data belum lengkap).");

        app.MapGet("/api/patients/{rm}/history-clinical", (string rm, ExaminationService exams) => TypedResults.Ok(exams.History(rm)))
            .LogsRecordAccess(RecordPart.History)
            .RequireAuthorization(Policies.Clinical).WithTags("Pemeriksaan")
            .WithSummary("Riwayat klinis pasien: setiap kunjungan dengan diagnosis, tindakan, resep dan rujukan, terbaru dahulu.");
    }

    private static void MapPages(IEndpointRouteBuilder app)
    {
        var assembly = typeof(ExaminationsApi).Assembly;
        app.MapPage("/poli", assembly, "poli.html", Policies.Clinical);
        app.MapPage("/poli/periksa/{id:long}", assembly, "periksa.html", Policies.Clinical);
        app.MapPage("/pasien/{rm}/riwayat", assembly, "riwayat.html", Policies.Clinical);
        app.MapPage("/admin/obat", assembly, "obat.html", Policies.Admin);
        app.MapPage("/poli/kohort-ibu", assembly, "kohort-ibu.html", Policies.Clinical);
    }

    public static ClinicalActor Actor(ClaimsPrincipal user) =>
        new(user.UserName(), user.FindFirstValue(ClaimTypes.Role) ?? "", user.PoliOf());

    private static DateOnly ParseDate(string? date, SettingsStore settings, TimeProvider clock)
    {
        if (Text.Clean(date) is not { } text)
        {
            return TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw ValidationFailedException.For("date", "date.format", "Tanggal harus berformat yyyy-MM-dd.");
    }
}
