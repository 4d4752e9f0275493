using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Simpus.Core.Visits;

namespace Simpus.Clinic.Tests.Infrastructure;

/// <summary>Valid patient requests with unique NIK and BPJS numbers; override what a test cares about.</summary>
public static class PatientBuilder
{
    private static int _serial;

    /// <summary>A NIK (kecamatan 33.73.04 Sidomukti, Kota Salatiga) that agrees with the birth date and sex.</summary>
    public static string NikFor(DateOnly birthDate, string sex, int? serial = null)
    {
        var day = birthDate.Day + (sex == "P" ? 40 : 0);
        var s = serial ?? (Interlocked.Increment(ref _serial) % 9999) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"337304{day:00}{birthDate.Month:00}{birthDate.Year % 100:00}{s:0000}");
    }

    public static string NewBpjs() =>
        (1_000_000_000_000L + Interlocked.Increment(ref _serial) * 7919L + Environment.TickCount % 1000).ToString(CultureInfo.InvariantCulture)[..13];

    public static Dictionary<string, object?> Valid(string name = "Siti Aminah", string sex = "P", string birthDate = "1985-04-12")
    {
        var bd = DateOnly.ParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["nik"] = NikFor(bd, sex),
            ["bpjsNumber"] = NewBpjs(),
            ["name"] = name,
            ["sex"] = sex,
            ["birthDate"] = birthDate,
            ["address"] = "Jl. Melati No. 5",
            ["regionCode"] = "33.73.04.1001",
            ["rt"] = "3",
            ["rw"] = "2",
            ["phone"] = "0812-3456-7890",
            ["defaultPayer"] = "bpjs-pbi",
        };
    }

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value)
    {
        body[key] = value;
        return body;
    }
}

public static class ApiExtensions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers a patient through the API and returns its JSON.</summary>
    public static async Task<JsonElement> RegisterPatientAsync(this HttpClient client, Dictionary<string, object?>? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/patients", body ?? PatientBuilder.Valid());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Register patient failed {(int)response.StatusCode}: {json}");
        }
        return json;
    }

    /// <summary>Registers a visit through the API and returns it.</summary>
    public static async Task<Visit> RegisterVisitAsync(this HttpClient client, string rm, string poli = "umum", string payer = "bpjs-pbi", string? arrivedAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/visits", new { rm, poli, payer, complaint = "Batuk pilek", arrivedAt });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Register visit failed {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<Visit>(Json))!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Rm(this JsonElement patient) => patient.GetProperty("rm").GetString()!;
}
