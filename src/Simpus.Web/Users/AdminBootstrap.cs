using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Simpus.Web.Users;

/// <summary>Creates the first admin when the database has no users: the configured password, or a random one printed once.</summary>
public static partial class AdminBootstrap
{
    public static void EnsureAdmin(UserStore users, string? configuredPassword, ILogger logger, TextWriter console)
    {
        if (users.Any())
        {
            return;
        }
        var password = string.IsNullOrEmpty(configuredPassword) ? RandomPassword() : configuredPassword;
        var problems = PasswordPolicy.Check(password, "admin");
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Simpus:AdminPassword tidak dapat dipakai: {problems[0].Message}");
        }
        users.Create(new UserInput { Username = "admin", FullName = "Administrator", Password = password, Role = "admin" });
        if (string.IsNullOrEmpty(configuredPassword))
        {
            console.WriteLine();
            console.WriteLine("==============================================================");
            console.WriteLine(" Pengguna admin dibuat. Catat kata sandi ini, tidak ditampilkan lagi:");
            console.WriteLine($"   nama pengguna: admin");
            console.WriteLine($"   kata sandi   : {password}");
            console.WriteLine("==============================================================");
            console.WriteLine();
        }
        LogAdminCreated(logger, string.IsNullOrEmpty(configuredPassword) ? "random" : "configured");
    }

    private static string RandomPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 14).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin user created with a {PasswordSource} password")]
    private static partial void LogAdminCreated(ILogger logger, string passwordSource);
}
