using System.Net;
using System.Net.Sockets;
using Simpus.Core.Net;

namespace Simpus.Core.Tests.Net;

/// <summary>Real requests that get no answer, described in Indonesian with the server's address.</summary>
public sealed class NetworkFailureTests
{
    private static async Task<Exception> FailureAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = timeout };
        return await Assert.ThrowsAnyAsync<Exception>(() => http.GetAsync(url));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_a_refused_connection()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var url = $"http://127.0.0.1:{port}/fhir-r4/v1";

        var text = NetworkFailure.Describe("SATUSEHAT", await FailureAsync(url, TimeSpan.FromSeconds(10)), url);

        Assert.Equal($"SATUSEHAT tidak dapat dihubungi: sambungan ditolak; server tidak menerima sambungan di alamat ini (127.0.0.1:{port}).", text);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_named_as_such()
    {
        const string url = "http://dinkes.tidak-ada.invalid/api";

        var text = NetworkFailure.Describe("Dinas Kesehatan", await FailureAsync(url, TimeSpan.FromSeconds(30)), url);

        Assert.Equal("Dinas Kesehatan tidak dapat dihubungi: nama server tidak ditemukan (DNS); periksa alamat dan internet (dinkes.tidak-ada.invalid).", text);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";

        var text = NetworkFailure.Describe("SATUSEHAT", await FailureAsync(url, TimeSpan.FromMilliseconds(300)), url);

        Assert.StartsWith("Waktu habis menunggu jawaban SATUSEHAT (127.0.0.1:", text);
    }

    [Theory]
    [InlineData(true)]     // reset (RST), as a server or proxy that aborts does
    [InlineData(false)]    // closed without a word
    public async Task A_connection_dropped_after_the_request_is_a_broken_connection(bool reset)
    {
        using var rude = new TcpListener(IPAddress.Loopback, 0);
        rude.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)rude.LocalEndpoint).Port}/";
        using var stop = new CancellationTokenSource();
        // Every connection (the client may retry once on a new one) is read and dropped.
        var dropping = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await rude.AcceptTcpClientAsync(stop.Token);
                _ = await client.GetStream().ReadAsync(new byte[4096], stop.Token);
                if (reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                }
            }
        });

        var failure = await FailureAsync(url, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropping);

        Assert.Equal($"SATUSEHAT tidak dapat dihubungi: sambungan terputus sebelum jawaban lengkap (127.0.0.1:{((IPEndPoint)rude.LocalEndpoint).Port}).",
            NetworkFailure.Describe("SATUSEHAT", failure, url));
    }
}
