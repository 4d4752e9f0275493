using System.Net.Http.Json;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Desk;

/// <summary>One clinic server shared by the desk's browser tests of a class, with the desk, a doctor, a dentist and the head.</summary>
public sealed class DeskSite : IAsyncLifetime
{
    public const string Password = "Sukamaju-loket-7";

    public ClinicServer Server { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ClinicServer.StartAsync();
        Admin = await Server.AdminAsync();
        (await Admin.PutAsJsonAsync("/api/settings", new
        {
            code = "P3373040101", name = "Puskesmas Sukamaju", regionCode = "33.73", kecamatanCode = "33.73.04", timeZone = "WIB",
            rmFormat = "KK-{family:000000}-{member:00}",
        })).EnsureSuccessStatusCode();
        foreach (var user in new object[]
        {
            new { username = "loket", fullName = "Rina Loket", password = Password, role = "pendaftaran" },
            new { username = "dokter", fullName = "dr. Andi Pratama", password = Password, role = "klinisi", poli = "umum" },
            new { username = "kepala", fullName = "dr. Bambang Hartono", password = Password, role = "kepala" },
        })
        {
            (await Admin.PostAsJsonAsync("/api/users", user)).EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<HttpClient> DoctorAsync() => Server.LoginAsync("dokter", Password);
}
