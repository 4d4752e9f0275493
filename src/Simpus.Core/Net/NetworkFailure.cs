using System.Net.Http;
using System.Net.Sockets;

namespace Simpus.Core.Net;

/// <summary>
/// Why a request to another server (SATUSEHAT, the Dinas Kesehatan) got no answer, in Indonesian for the admin's page, with
/// the server's address; .NET's own messages ("An error occurred while sending the request.") say nothing to a puskesmas.
/// </summary>
public static class NetworkFailure
{
    private const string Dropped = "sambungan terputus sebelum jawaban lengkap";

    /// <summary>"&lt;who&gt; tidak dapat dihubungi: &lt;why&gt; (&lt;host:port&gt;)."</summary>
    public static string Describe(string who, Exception e, string? address)
    {
        var where = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? $" ({uri.Authority})" : "";
        if (e is TaskCanceledException or TimeoutException)
        {
            return $"Waktu habis menunggu jawaban {who}{where}.";
        }
        var why = (e as HttpRequestException)?.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "nama server tidak ditemukan (DNS); periksa alamat dan internet",
            HttpRequestError.ConnectionError => Socket(e) switch
            {
                SocketError.ConnectionRefused => "sambungan ditolak; server tidak menerima sambungan di alamat ini",
                SocketError.TimedOut => "server tidak menjawab sambungan",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "jaringan tidak tersambung",
                _ => "sambungan gagal; periksa jaringan dan alamat",
            },
            HttpRequestError.SecureConnectionError => "sambungan aman (TLS) gagal; periksa jam komputer dan alamat https",
            HttpRequestError.ProxyTunnelError => "proxy menolak sambungan",
            HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError => Dropped,
            HttpRequestError.InvalidResponse => "jawaban server tidak dapat dibaca",
            _ when Chain(e).Any(x => x is IOException) => Dropped,
            _ => "permintaan gagal dikirim",
        };
        return $"{who} tidak dapat dihubungi: {why}{where}.";
    }

    private static SocketError? Socket(Exception e) => Chain(e).OfType<SocketException>().FirstOrDefault()?.SocketErrorCode;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}
