using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Simpus.Exchange;

namespace Simpus.District.Tests.Infrastructure;

/// <summary>Package files made directly with the exchange library, for district-only tests.</summary>
public static class TestPackages
{
    public static MonthlyPackage Package(string code, MonthPeriod period, int revision = 1, decimal visits = 120, decimal k1 = 10) => new()
    {
        PuskesmasCode = code,
        PuskesmasName = "Puskesmas " + code,
        Period = period,
        Revision = revision,
        GeneratedAt = DateTimeOffset.Parse("2026-11-02T03:04:05Z", CultureInfo.InvariantCulture),
        Values =
        [
            Value("KUNJUNGAN", visits / 2, ("type", "baru"), ("sex", "L")),
            Value("KUNJUNGAN", visits / 2, ("type", "baru"), ("sex", "P")),
            Value("KUNJUNGAN.POLI", visits, ("poli", "umum")),
            Value("LB1.BARU", 7, ("code", "J06"), ("sex", "L"), ("ageBand", "20-44")),
            Value("LB1.BARU", 3, ("code", "J06"), ("sex", "P"), ("ageBand", "1-4")),
            Value("LB1.LAMA", 2, ("code", "I10"), ("sex", "P")),
            Value("KIA.K1", k1),
            Value("KIA.SASARAN", 600, ("indicator", "K1")),
            Value("RUJUKAN", 4),
        ],
    };

    public static PackageValue Value(string element, decimal value, params (string Key, string Value)[] parts) =>
        new(element, parts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), value);

    public static byte[] File(MonthlyPackage package, string key) => PackageCodec.Write(package, key);

    public static MonthPeriod LastMonth => MonthPeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7))).AddMonths(-1);

    public static MonthPeriod ThisMonth => MonthPeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));

    public static async Task<HttpResponseMessage> PostPackageAsync(this HttpClient client, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.PostAsync("/api/packages", content);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
