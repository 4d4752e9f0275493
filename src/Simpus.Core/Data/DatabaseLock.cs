namespace Simpus.Core.Data;

/// <summary>
/// Marks a database file as in use by a running service: <c>{file}.lock</c> held open exclusively (an OS file lock) for the
/// service's lifetime. <c>simpus restore</c> takes the same lock, so it refuses while the service runs, and a service cannot
/// start in the middle of a restore.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseLock(FileStream file) => _file = file;

    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>The lock, or null when another process (or another service in this one) holds it.</summary>
    public static DatabaseLock? TryAcquire(string databasePath)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathFor(databasePath))!);
            return new DatabaseLock(new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
