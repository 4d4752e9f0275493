using System.Text.Json;
using Dapper;
using Hl7.Fhir.Model;
using Simpus.Core.Data;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Fhir;

namespace Simpus.SatuSehat.Delivery;

/// <summary>A SATUSEHAT id, or why there is none (a stable code and an Indonesian message for the desk or the admin).</summary>
public sealed record Resolved(string? Id, string? Reason, string? Message)
{
    public static Resolved Found(string id) => new(id, null, null);

    public static Resolved Missing(string reason, string message) => new(null, reason, message);
}

/// <summary>The answer about one patient, before it is stored.</summary>
public sealed record PatientLookup(long PatientId, Resolved Result, string? NikUsed, bool ByMother);

public sealed record PatientIdentity
{
    public long PatientId { get; init; }
    public required string Rm { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public string? Nik { get; init; }
    public bool ByMother { get; init; }
    public string? IhsId { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
}

public sealed record PractitionerIdentity
{
    public required string Username { get; init; }
    public string? FullName { get; init; }
    public required string Status { get; init; }
    public string? Nik { get; init; }
    public string? IhsId { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
}

public sealed record LocationIdentity(string Poli, string PoliName, string? LocationId, DateTimeOffset? CreatedAt);

/// <summary>
/// Onboarding: the IHS ids of patients (by NIK, or a newborn by the mother's NIK as SATUSEHAT's Master Patient Index documents),
/// of clinicians (by the NIK on their user profile) and a Location per poli (created once, managed by the puskesmas' Organization).
/// Found ids are kept in the database and looked up once; what cannot be resolved is recorded for the desk/admin list.
/// </summary>
public sealed class Identities(Database db, LocalVisits local, SatuSehatClient client, FhirValidation validation, TimeProvider clock)
{
    /// <summary>Children up to this age without a NIK of their own go by their mother's NIK (newborn flow of the MPI).</summary>
    public const int NewbornMaxMonths = 12;

    /// <summary>The IHS number found for the patient before, if any.</summary>
    public string? KnownPatient(long patientId)
    {
        using var conn = db.Open();
        var cached = conn.QuerySingleOrDefault<(string Status, string? IhsId)?>(
            "SELECT status, ihs_id FROM satusehat_patients WHERE patient_id = @patientId", new { patientId });
        return cached is { Status: "found", IhsId: { } known } ? known : null;
    }

    /// <summary>Asks SATUSEHAT who the patient is (by NIK, or a newborn by the mother's NIK) without writing anything here.</summary>
    public async Task<PatientLookup> LookUpPatientAsync(Connection c, LocalPatient p, DateOnly visitDate, CancellationToken cancel)
    {
        Resolved result;
        string? nikUsed;
        var byMother = false;
        if (p.Nik is { } nik)
        {
            nikUsed = nik;
            var found = await client.SearchAsync(c, "Patient", "identifier=" + Uri.EscapeDataString($"{Systems.Nik}|{nik}"), cancel);
            result = found.Count > 0 && Id(found[0]) is { } id
                ? Resolved.Found(id)
                : Resolved.Missing("patient.notFound", $"NIK pasien {p.Rm} tidak ditemukan di SATUSEHAT. Periksa NIK di data pasien.");
        }
        else if (IsInfant(p, visitDate) && local.Mother(p) is { } mother)
        {
            nikUsed = mother.Nik;
            byMother = true;
            result = await NewbornAsync(c, p, mother.Nik, cancel);
        }
        else
        {
            nikUsed = null;
            result = Resolved.Missing("patient.noNik", IsInfant(p, visitDate)
                ? $"Pasien {p.Rm} (bayi) belum punya NIK dan NIK ibunya tidak tercatat di keluarga. Isi NIK pasien atau NIK ibu di data keluarga."
                : $"Pasien {p.Rm} belum punya NIK. Isi NIK di data pasien.");
        }
        return new PatientLookup(p.Id, result, nikUsed, byMother);
    }

    /// <summary>What was learnt about patients kept, in one transaction (so each is looked up once).</summary>
    public void SavePatients(IReadOnlyList<PatientLookup> lookups)
    {
        if (lookups.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        db.InTransaction((conn, t) =>
        {
            foreach (var l in lookups)
            {
                conn.Execute("""
                    INSERT INTO satusehat_patients (patient_id, status, nik, by_mother, ihs_id, message, checked_at)
                    VALUES (@PatientId, @status, @NikUsed, @ByMother, @ihs, @message, @now)
                    ON CONFLICT (patient_id) DO UPDATE SET status = excluded.status, nik = excluded.nik, by_mother = excluded.by_mother,
                        ihs_id = excluded.ihs_id, message = excluded.message, checked_at = excluded.checked_at
                    """, new
                {
                    l.PatientId, status = l.Result.Id is not null ? "found" : l.NikUsed is null ? "noNik" : "notFound", l.NikUsed, l.ByMother,
                    ihs = l.Result.Id, message = l.Result.Message, now,
                }, t);
            }
        });
    }

    private static bool IsInfant(LocalPatient p, DateOnly at) => p.BirthDate.AddMonths(NewbornMaxMonths) > at;

    /// <summary>A baby by the mother's NIK: the MPI's newborn of that mother born on that day, or a newborn Patient created for it.</summary>
    private async Task<Resolved> NewbornAsync(Connection c, LocalPatient p, string motherNik, CancellationToken cancel)
    {
        var birth = p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var gender = p.Sex == "P" ? "female" : "male";
        var found = await client.SearchAsync(c, "Patient", "identifier=" + Uri.EscapeDataString($"{Systems.NikIbu}|{motherNik}"), cancel);
        var same = found.Where(r => Text(r, "birthDate") == birth && (Text(r, "gender") is null || Text(r, "gender") == gender)).ToList();
        if (same.Count == 1 && Id(same[0]) is { } id)
        {
            return Resolved.Found(id);
        }
        if (same.Count > 1)
        {
            return Resolved.Missing("patient.ambiguous", $"Ada {same.Count} bayi dengan NIK ibu dan tanggal lahir yang sama di SATUSEHAT (kembar?). Pasien {p.Rm} perlu NIK sendiri.");
        }
        var patient = new Patient
        {
            Identifier = [new Identifier(Systems.NikIbu, motherNik) { Use = Identifier.IdentifierUse.Official }],
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Text = p.Name }],
            Gender = p.Sex == "P" ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = birth,
            MultipleBirth = new Integer(0),
            Address = [new Address { Use = Address.AddressUse.Home, Line = p.Address is { } a ? [a] : [], Country = "ID" }],
        };
        var check = validation.Validate(patient);
        if (!check.IsValid)
        {
            return Resolved.Missing("patient.invalid", "Data bayi tidak valid untuk SATUSEHAT: " + check.Summary);
        }
        try
        {
            return Resolved.Found(await client.CreateAsync(c, patient, cancel));
        }
        catch (SatuSehatRequestException e) when (!e.Answer.Transient)
        {
            return Resolved.Missing("patient.newbornRefused", $"SATUSEHAT menolak mendaftarkan bayi {p.Rm} dengan NIK ibu: {e.Answer.Message}");
        }
    }

    public async Task<Resolved> PractitionerAsync(Connection c, string? username, CancellationToken cancel)
    {
        if (username is null || local.Clinician(username) is not { } clinician)
        {
            return Resolved.Missing("practitioner.unknown", "Kunjungan ini tidak mencatat klinisi yang memeriksa.");
        }
        using (var conn = db.Open())
        {
            var cached = conn.QuerySingleOrDefault<(string Status, string? IhsId, string? Nik)?>(
                "SELECT status, ihs_id, nik FROM satusehat_practitioners WHERE username = @username", new { username });
            if (cached is { Status: "found", IhsId: { } known } k && k.Nik == clinician.Nik)
            {
                return Resolved.Found(known);
            }
        }
        Resolved result;
        if (clinician.Nik is not { } nik)
        {
            result = Resolved.Missing("practitioner.noNik", $"NIK klinisi {clinician.FullName} ({username}) belum diisi di profil pengguna.");
        }
        else
        {
            var found = await client.SearchAsync(c, "Practitioner", "identifier=" + Uri.EscapeDataString($"{Systems.Nik}|{nik}"), cancel);
            result = found.Count > 0 && Id(found[0]) is { } id
                ? Resolved.Found(id)
                : Resolved.Missing("practitioner.notFound", $"NIK klinisi {clinician.FullName} ({username}) tidak ditemukan sebagai tenaga kesehatan di SATUSEHAT.");
        }
        var now = clock.GetUtcNow();
        db.InTransaction((conn, t) => conn.Execute("""
            INSERT INTO satusehat_practitioners (username, status, nik, ihs_id, message, checked_at) VALUES (@username, @status, @nik, @ihs, @message, @now)
            ON CONFLICT (username) DO UPDATE SET status = excluded.status, nik = excluded.nik, ihs_id = excluded.ihs_id,
                message = excluded.message, checked_at = excluded.checked_at
            """, new
        {
            username, status = result.Id is not null ? "found" : clinician.Nik is null ? "noNik" : "notFound", nik = clinician.Nik,
            ihs = result.Id, message = result.Message, now,
        }, t));
        return result;
    }

    /// <summary>The Location of a poli: kept id, else found by its identifier, else created (part of the Organization).</summary>
    public async Task<Resolved> LocationAsync(Connection c, string poli, string poliName, CancellationToken cancel)
    {
        var org = c.OrganizationId!;
        using (var conn = db.Open())
        {
            var known = conn.QuerySingleOrDefault<string?>(
                "SELECT location_id FROM satusehat_locations WHERE poli = @poli AND organization_id = @org", new { poli, org });
            if (known is not null)
            {
                return Resolved.Found(known);
            }
        }
        var system = Systems.Local("location", org);
        var found = await client.SearchAsync(c, "Location", "identifier=" + Uri.EscapeDataString($"{system}|{poli}"), cancel);
        string id;
        if (found.Count > 0 && Id(found[0]) is { } existing)
        {
            id = existing;
        }
        else
        {
            var location = new Location
            {
                Identifier = [new Identifier(system, poli)],
                Status = Location.LocationStatus.Active,
                Name = poliName,
                Description = $"{poliName} (SIMPUS)",
                Mode = Location.LocationMode.Instance,
                PhysicalType = VisitBundleBuilder.Concept(Systems.LocationPhysicalType, "ro", "Room"),
                ManagingOrganization = new ResourceReference("Organization/" + org),
            };
            var check = validation.Validate(location);
            if (!check.IsValid)
            {
                return Resolved.Missing("location.invalid", $"Lokasi {poliName} tidak valid: {check.Summary}");
            }
            try
            {
                id = await client.CreateAsync(c, location, cancel);
            }
            catch (SatuSehatRequestException e) when (!e.Answer.Transient)
            {
                return Resolved.Missing("location.refused", $"SATUSEHAT menolak membuat lokasi {poliName}: {e.Answer.Message}");
            }
        }
        var now = clock.GetUtcNow();
        db.InTransaction((conn, t) => conn.Execute("""
            INSERT INTO satusehat_locations (poli, organization_id, location_id, created_at) VALUES (@poli, @org, @id, @now)
            ON CONFLICT (poli) DO UPDATE SET organization_id = excluded.organization_id, location_id = excluded.location_id, created_at = excluded.created_at
            """, new { poli, org, id, now }, t));
        return Resolved.Found(id);
    }

    public IReadOnlyList<PatientIdentity> UnresolvedPatients(int limit)
    {
        using var c = db.Open();
        return c.Query<PatientIdentity>("""
            SELECT s.patient_id AS PatientId, p.rm, p.name, s.status, s.nik, s.by_mother AS ByMother, s.ihs_id AS IhsId, s.message,
                   s.checked_at AS CheckedAt
            FROM satusehat_patients s JOIN patients p ON p.id = s.patient_id
            WHERE s.status <> 'found' AND p.voided_at IS NULL ORDER BY s.checked_at DESC LIMIT @limit
            """, new { limit }).ToList();
    }

    public IReadOnlyList<PractitionerIdentity> Practitioners()
    {
        var clinicians = local.Clinicians();
        using var c = db.Open();
        var rows = c.Query<PractitionerIdentity>("""
            SELECT username, status, nik, ihs_id AS IhsId, message, checked_at AS CheckedAt FROM satusehat_practitioners
            """).ToDictionary(r => r.Username, StringComparer.OrdinalIgnoreCase);
        return clinicians.Select(u => rows.TryGetValue(u.Username, out var r)
                ? r with { FullName = u.FullName, Nik = u.Nik, Status = r.Nik == u.Nik ? r.Status : "unchecked" }
                : new PractitionerIdentity { Username = u.Username, FullName = u.FullName, Nik = u.Nik, Status = "unchecked" })
            .ToList();
    }

    public IReadOnlyList<LocationIdentity> Locations(IEnumerable<(string Code, string Name)> poli, string? organizationId)
    {
        using var c = db.Open();
        var rows = c.Query<(string Poli, string LocationId, string CreatedAt)>(
            "SELECT poli, location_id, created_at FROM satusehat_locations WHERE organization_id = @organizationId", new { organizationId })
            .ToDictionary(r => r.Poli);
        return poli.Select(p => rows.TryGetValue(p.Code, out var r)
            ? new LocationIdentity(p.Code, p.Name, r.LocationId, DapperSetup.ParseInstant(r.CreatedAt))
            : new LocationIdentity(p.Code, p.Name, null, null)).ToList();
    }

    private static string? Id(JsonElement resource) =>
        resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string? Text(JsonElement resource, string property) =>
        resource.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
