using System.Net;
using System.Net.Sockets;

namespace Simpus.Tests.Shared;

/// <summary>Temporary folders for real SQLite files and data folders, and free ports, for the test projects.</summary>
public static class TestFolders
{
    public static string New(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "simpus-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A TCP port nobody listens on right now (to point a clinic at a district that is not up yet).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
