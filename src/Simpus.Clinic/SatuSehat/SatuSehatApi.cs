using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Simpus.Clinic.Hosting;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.SatuSehat;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Delivery;
using Simpus.SatuSehat.Fhir;
using Simpus.SatuSehat.Kfa;
using Simpus.SatuSehat.Settings;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.SatuSehat;

public sealed record ConnectionTest(bool Ok, bool TokenOk, string? OrganizationId, string? OrganizationName, string Message);

public sealed record SatuSehatStatus(SenderState Sender, IReadOnlyDictionary<string, int> Counts, ConnectionView Connection);

public sealed record AttentionEntry(VisitSendState State, string? Rm, string? PatientName, string? Poli, string? VisitDate);

public sealed record OnboardingResult(IReadOnlyList<LocationIdentity> Locations, IReadOnlyList<PractitionerIdentity> Practitioners, IReadOnlyList<string> Problems);

/// <summary>
/// SATUSEHAT in the clinic service: connection settings, the background sender, onboarding (locations, clinicians), the status of
/// each visit for the poli worklist, the admin's list of what needs attention with resend, and the drugs' KFA codes.
/// </summary>
public static class SatuSehatApi
{
    public static IServiceCollection AddSatuSehat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SatuSehatOptions>().Bind(configuration.GetSection(SatuSehatOptions.Section))
            .Validate(o => o.RetryBaseSeconds > 0 && o.RetryMaxSeconds >= o.RetryBaseSeconds && o.PollSeconds > 0 && o.TimeoutSeconds > 0
                           && o.BatchSize is >= 1 and <= 500 && o.TokenMarginSeconds >= 0,
                "Simpus:SatuSehat retry, poll, timeout and batch settings must be positive")
            .ValidateOnStart();
        // The client secret is encrypted with a key ring kept in the data folder (so a backup of the folder keeps it readable).
        services.AddSingleton(sp =>
        {
            var dataDir = sp.GetRequiredService<IOptions<SimpusOptions>>().Value.DataDir;
            var provider = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDir), "keys")),
                b => b.SetApplicationName("Simpus.Clinic"));
            return new ConnectionSettings(sp.GetRequiredService<Database>(), sp.GetRequiredService<IOptions<SatuSehatOptions>>(),
                provider.CreateProtector("Simpus.SatuSehat.ClientSecret.v1"));
        });
        services.AddSingleton<FhirValidation>();
        services.AddSingleton<SatuSehatClient>();
        services.AddSingleton<VisitQueue>();
        services.AddSingleton<LocalVisits>();
        services.AddSingleton<Identities>();
        services.AddSingleton<KfaCodes>();
        services.AddSingleton<VisitSender>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitSender>());
        return services;
    }

    public static IEndpointRouteBuilder MapSatuSehat(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<KfaCodes>().EnsureLoaded();
        var admin = app.MapGroup("/api/satusehat").WithTags("SATUSEHAT").RequireAuthorization(Policies.Admin);

        admin.MapGet("/settings", (ConnectionSettings settings) => TypedResults.Ok(settings.View()))
            .WithSummary("Koneksi SATUSEHAT (client secret tidak pernah ditampilkan) dan preset sandbox/produksi.");
        admin.MapPut("/settings", (ConnectionInput input, ClaimsPrincipal user, ConnectionSettings settings) => TypedResults.Ok(settings.Save(input, user.UserName())))
            .ProducesValidationProblem()
            .WithSummary("Simpan koneksi: teks kosong mengembalikan nilai dari konfigurasi; clientSecret hanya ditulis, disimpan terenkripsi.");
        admin.MapPost("/settings/test", async (ConnectionSettings settings, SatuSehatClient client, CancellationToken cancel) =>
            TypedResults.Ok(await TestAsync(settings.Current(), client, cancel)))
            .ProducesValidationProblem()
            .WithSummary("Tes koneksi: ambil token lalu baca Organization puskesmas.");
        admin.MapGet("/status", (VisitSender sender, VisitQueue queue, ConnectionSettings settings) =>
            TypedResults.Ok(new SatuSehatStatus(sender.State(), queue.Counts(), settings.View())))
            .WithSummary("Keadaan pengiriman: antrean, jeda bila SATUSEHAT tidak dapat dihubungi, jumlah per status.");
        admin.MapGet("/visits", (string? status, int? limit, VisitQueue queue, Database db) =>
        {
            if (status is not null && !SendStatus.All.Contains(status))
            {
                throw ValidationFailedException.For("status", "status.unknown", "Status harus menunggu, terkirim, ditahan atau gagal.");
            }
            return TypedResults.Ok(Attention(queue.NeedingAttention(status, Math.Clamp(limit ?? 200, 1, 1000)), db));
        }).ProducesValidationProblem().WithSummary("Kunjungan yang perlu perhatian (ditahan, gagal), terbaru dahulu; atau satu status.");
        admin.MapPost("/visits/{id:long}/resend", (long id, VisitQueue queue, VisitSender sender) =>
        {
            if (queue.Resend(id, null) == 0)
            {
                throw new NotFoundException("satusehat.visitNotFound", $"Kunjungan {id} belum selesai atau tidak ada di antrean SATUSEHAT.");
            }
            sender.RetryNow();
            return TypedResults.Ok(queue.Get(id));
        }).ProducesProblem(404).WithSummary("Kirim ulang satu kunjungan (setelah data diperbaiki).");
        admin.MapPost("/resend", (string? status, VisitQueue queue, VisitSender sender) =>
        {
            if (status is not null && status is not (SendStatus.Held or SendStatus.Failed))
            {
                throw ValidationFailedException.For("status", "status.unknown", "Kirim ulang massal hanya untuk status ditahan atau gagal.");
            }
            var count = queue.Resend(null, status);
            sender.RetryNow();
            return TypedResults.Ok(new { queued = count });
        }).ProducesValidationProblem().WithSummary("Kirim ulang semua kunjungan yang ditahan/gagal.");

        admin.MapGet("/practitioners", (Identities identities) => TypedResults.Ok(identities.Practitioners()))
            .WithSummary("Klinisi dan ID Practitioner SATUSEHAT mereka (dari NIK di profil pengguna).");
        admin.MapGet("/locations", (Identities identities, SettingsStore puskesmas, ConnectionSettings settings) =>
            TypedResults.Ok(identities.Locations(puskesmas.ListPoli().Select(p => (p.Code, p.Name)), settings.Current().OrganizationId)))
            .WithSummary("Location SATUSEHAT per poli.");
        admin.MapPost("/onboarding", async (Identities identities, SettingsStore puskesmas, ConnectionSettings settings, LocalVisits local,
            VisitQueue queue, VisitSender sender, CancellationToken cancel) =>
            TypedResults.Ok(await OnboardAsync(settings.Current(), identities, puskesmas, local, queue, sender, cancel)))
            .ProducesValidationProblem()
            .WithSummary("Onboarding: buat Location untuk setiap poli aktif dan cari ID Practitioner setiap klinisi; kunjungan yang ditahan karena itu dikirim ulang.");

        var desk = app.MapGroup("/api/satusehat").WithTags("SATUSEHAT");
        desk.MapGet("/patients/unresolved", (int? limit, Identities identities) => TypedResults.Ok(identities.UnresolvedPatients(Math.Clamp(limit ?? 200, 1, 1000))))
            .RequireAuthorization(Policies.Desk)
            .WithSummary("Pasien yang tidak ditemukan di SATUSEHAT (tanpa NIK, NIK tidak terdaftar): perbaiki NIK di data pasien.");
        desk.MapGet("/worklist", (string? poli, string? date, VisitQueue queue, SettingsStore settings, TimeProvider clock) =>
        {
            var day = Text.Clean(date) ?? DapperSetup.FormatDate(TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone));
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw ValidationFailedException.For("date", "date.format", "Tanggal harus berformat yyyy-MM-dd.");
            }
            return TypedResults.Ok(queue.ForDay(day, Text.Clean(poli)?.ToLowerInvariant()));
        }).RequireAuthorization(Policies.Clinical).ProducesValidationProblem()
            .WithSummary("Status SATUSEHAT (menunggu, terkirim, ditahan, gagal) kunjungan sehari, untuk daftar poli.");
        desk.MapGet("/visits/{id:long}", (long id, VisitQueue queue) =>
            queue.Get(id) is { } s ? TypedResults.Ok(s) : throw new NotFoundException("satusehat.visitNotFound", $"Kunjungan {id} belum ada di antrean SATUSEHAT."))
            .RequireAuthorization(Policies.Clinical).ProducesProblem(404);

        var kfa = app.MapGroup("/api/satusehat/kfa").WithTags("SATUSEHAT").RequireAuthorization(Policies.Admin);
        kfa.MapGet("/", (KfaCodes codes) => TypedResults.Ok(new { codes = codes.List(), missing = codes.Missing().Select(m => new { code = m.Code, name = m.Name }) }))
            .WithSummary("Kode KFA per obat, dan obat aktif yang belum punya kode KFA.");
        kfa.MapPut("/{drugCode}", (string drugCode, KfaInput input, ClaimsPrincipal user, KfaCodes codes) => TypedResults.Ok(codes.Set(drugCode, input, user.UserName())))
            .ProducesValidationProblem().ProducesProblem(404).WithSummary("Isi atau ubah kode KFA sebuah obat.");
        kfa.MapDelete("/{drugCode}", (string drugCode, KfaCodes codes) =>
        {
            codes.Remove(drugCode);
            return TypedResults.NoContent();
        }).ProducesProblem(404);

        var assembly = typeof(SatuSehatApi).Assembly;
        app.MapPage("/admin/satusehat", assembly, "satusehat.html", Policies.Admin);
        return app;
    }

    private static async Task<ConnectionTest> TestAsync(Connection c, SatuSehatClient client, CancellationToken cancel)
    {
        if (!c.Complete)
        {
            throw ValidationFailedException.For("connection", "satusehat.incomplete",
                "Koneksi belum lengkap: isi alamat autentikasi, alamat FHIR, ID organisasi, client ID dan client secret.");
        }
        try
        {
            client.Forget();
            await client.TokenAsync(c, null, cancel);
        }
        catch (Exception e) when (e is SatuSehatAuthException or SatuSehatUnreachableException)
        {
            return new ConnectionTest(false, false, null, null, e.Message);
        }
        try
        {
            var answer = await client.SendAsync(c, HttpMethod.Get, "Organization/" + Uri.EscapeDataString(c.OrganizationId!), null, cancel);
            if (!answer.Ok)
            {
                return new ConnectionTest(false, true, null, null, $"Token diterima, tetapi Organization {c.OrganizationId} tidak dapat dibaca: {answer.Message}");
            }
            using var doc = System.Text.Json.JsonDocument.Parse(answer.Body);
            var name = doc.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
            return new ConnectionTest(true, true, c.OrganizationId, name, $"Terhubung. Organization {c.OrganizationId}: {name}.");
        }
        catch (SatuSehatUnreachableException e)
        {
            return new ConnectionTest(false, true, null, null, e.Message);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ConnectionTest(false, true, null, null, "Token diterima, tetapi jawaban Organization bukan JSON.");
        }
    }

    private static async Task<OnboardingResult> OnboardAsync(Connection c, Identities identities, SettingsStore puskesmas, LocalVisits local,
        VisitQueue queue, VisitSender sender, CancellationToken cancel)
    {
        if (!c.Complete)
        {
            throw ValidationFailedException.For("connection", "satusehat.incomplete", "Koneksi SATUSEHAT belum lengkap.");
        }
        var problems = new List<string>();
        var poli = puskesmas.ListPoli().Select(p => (p.Code, p.Name)).ToList();
        try
        {
            foreach (var (code, name) in poli)
            {
                var r = await identities.LocationAsync(c, code, name, cancel);
                if (r.Message is { } m)
                {
                    problems.Add(m);
                }
            }
            foreach (var clinician in local.Clinicians())
            {
                var r = await identities.PractitionerAsync(c, clinician.Username, cancel);
                if (r.Message is { } m)
                {
                    problems.Add(m);
                }
            }
        }
        catch (Exception e) when (e is SatuSehatUnreachableException or SatuSehatAuthException or SatuSehatRequestException)
        {
            problems.Add(e.Message);
        }
        foreach (var reason in new[] { "practitioner.noNik", "practitioner.notFound", "location.refused", "location.invalid" })
        {
            queue.ResendHeld(reason);
        }
        sender.RetryNow();
        return new OnboardingResult(identities.Locations(poli, c.OrganizationId), identities.Practitioners(), problems);
    }

    private static IReadOnlyList<AttentionEntry> Attention(IReadOnlyList<VisitSendState> states, Database db)
    {
        if (states.Count == 0)
        {
            return [];
        }
        using var c = db.Open();
        var info = Dapper.SqlMapper.Query<(long Id, string Rm, string Name, string Poli, string VisitDate)>(c, """
            SELECT v.id, p.rm, p.name, v.poli, v.visit_date FROM visits v JOIN patients p ON p.id = v.patient_id WHERE v.id IN @ids
            """, new { ids = states.Select(s => s.VisitId).ToArray() }).ToDictionary(r => r.Id);
        return states.Select(s => info.TryGetValue(s.VisitId, out var i)
            ? new AttentionEntry(s, i.Rm, i.Name, i.Poli, i.VisitDate)
            : new AttentionEntry(s, null, null, null, null)).ToList();
    }
}
