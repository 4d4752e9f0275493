using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Core.Patients;
using Simpus.Core.Visits;
using Simpus.Web.Auth;

namespace Simpus.Clinic.Patients;

/// <summary>
/// A search result: the patient's identifying fields, what matched and how well; <c>match</c> is <c>exact</c>, <c>partial</c>
/// or <c>similar</c> (typo-tolerant: the desk must look before using it).
/// </summary>
public sealed record PatientSearchResult(
    string Rm, string? Nik, string? BpjsNumber, string Name, string Sex, DateOnly BirthDate, bool BirthDateEstimated,
    string? Address, string? RegionCode, string? RegionName, string? Rt, string? Rw, string? Phone, string DefaultPayer,
    string Relation, string? FamilyHeadName, string MatchedBy, double Score, string Match);

public sealed record VoidRequest(string? Reason);

public static class PatientsApi
{
    public static RouteGroupBuilder MapPatients(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients").WithTags("Patients");

        group.MapGet("/", (string? q, int? limit, PatientService patients) =>
            TypedResults.Ok(patients.Search(q ?? "", limit ?? 20).Select(h => new PatientSearchResult(
                h.Patient.Rm, h.Patient.Nik, h.Patient.BpjsNumber, h.Patient.Name, h.Patient.Sex, h.Patient.BirthDate,
                h.Patient.BirthDateEstimated, h.Patient.Address, h.Patient.RegionCode, patients.RegionName(h.Patient.RegionCode),
                h.Patient.Rt, h.Patient.Rw, h.Patient.Phone, h.Patient.DefaultPayer, h.Patient.Relation, h.Patient.FamilyHeadName,
                h.MatchedBy, h.Score, h.Match)).ToList()))
            .WithSummary("Cari pasien: No. RM, NIK, nomor BPJS atau nama (boleh salah ketik, boleh dengan tahun lahir, RT/RW, nama desa atau alamat, " +
                "'anak <nama kepala keluarga>'); paling banyak 20, terbaik dulu.");

        group.MapGet("/duplicates", (string? name, string? sex, string? birthDate, int? estimatedAge, string? estimatedAgeUnit, string? exceptRm,
            PatientService patients) =>
            TypedResults.Ok(patients.FindSimilar(name, sex, birthDate, estimatedAge, exceptRm, estimatedAgeUnit)))
            .WithSummary("Calon duplikat: nama mirip, jenis kelamin sama, tahun lahir ±1.");

        group.MapPost("/", (PatientInput input, ClaimsPrincipal user, PatientService patients) =>
        {
            var patient = patients.Register(input, user.UserName());
            return TypedResults.Created($"/api/patients/{Uri.EscapeDataString(patient.Rm)}", patient);
        }).RequireAuthorization(Policies.Desk);

        group.MapGet("/{rm}", (string rm, PatientService patients) => TypedResults.Ok(patients.GetRequired(rm)));

        group.MapPut("/{rm}", (string rm, PatientInput input, ClaimsPrincipal user, PatientService patients) =>
            TypedResults.Ok(patients.Update(rm, input, user.UserName()))).RequireAuthorization(Policies.Desk);

        group.MapPost("/{rm}/void", (string rm, VoidRequest request, ClaimsPrincipal user, PatientService patients) =>
            TypedResults.Ok(patients.Void(rm, request.Reason, user.UserName()))).RequireAuthorization(Policies.Desk);

        group.MapGet("/{rm}/history", (string rm, PatientService patients) => TypedResults.Ok(patients.History(rm)));

        group.MapGet("/{rm}/family", (string rm, PatientService patients) => TypedResults.Ok(patients.FamilyMembers(rm)));

        group.MapGet("/{rm}/visits", (string rm, VisitService visits) => TypedResults.Ok(visits.ForPatient(rm)));

        return group;
    }
}
