using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Simpus.Core.Data;

namespace Simpus.Web.Hosting;

/// <summary>
/// One Data Protection key ring per installation: the keys that sign and encrypt the login cookie live in the data folder
/// (<c>keys/</c> beside the database; encrypted with DPAPI on Windows, readable by the service account only elsewhere), and
/// the application name is the database's path, so a cookie of another SIMPUS instance on the same PC is refused.
/// </summary>
public static class KeyRing
{
    public const string FolderName = "keys";

    public static IServiceCollection AddSimpusKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<Database, ILoggerFactory>((o, db, loggers) =>
        {
            o.XmlRepository = new FileSystemXmlRepository(Folder(db), loggers);
            if (OperatingSystem.IsWindows())
            {
                o.XmlEncryptor = new DpapiXmlEncryptor(protectToLocalMachine: true, loggers);
            }
        });
        services.AddOptions<DataProtectionOptions>().Configure<Database>((o, db) => o.ApplicationDiscriminator = ApplicationName(db));
        return services;
    }

    /// <summary>The application name of the instance that owns this database.</summary>
    public static string ApplicationName(Database db) =>
        "SIMPUS " + (OperatingSystem.IsWindows() ? db.FilePath.ToLowerInvariant() : db.FilePath);

    /// <summary>The key folder beside the database, created on first use (owner-only access where the OS has Unix modes).</summary>
    public static DirectoryInfo Folder(Database db)
    {
        var path = Path.Combine(Path.GetDirectoryName(db.FilePath)!, FolderName);
        var folder = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return folder;
    }
}
