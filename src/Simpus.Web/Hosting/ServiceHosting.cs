using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Simpus.Web.Hosting;

/// <summary>
/// How a SIMPUS service runs on a clinic PC: as a Windows service or a systemd unit when started by one (nothing changes when
/// started from a terminal), and logging to rotating files in the data folder besides the console.
/// </summary>
public static class ServiceHosting
{
    /// <summary>
    /// Windows service / systemd integration and daily log files <c>{DataDir}/logs/{prefix}-yyyyMMdd.log</c> (also rolled at
    /// 20 MB, the last <c>Simpus:Logs:RetainFiles</c> kept, default 31). The file gets what <c>Logging:LogLevel</c> lets
    /// through, like the console. Log messages carry ids, never a patient's name, NIK or diagnosis.
    /// </summary>
    public static WebApplicationBuilder AddSimpusServiceHosting(this WebApplicationBuilder builder, string serviceName, string logPrefix)
    {
        builder.Services.AddWindowsService(o => o.ServiceName = serviceName);
        builder.Services.AddSystemd();

        var config = builder.Configuration;
        if (!config.GetValue("Simpus:Logs:Enabled", true))
        {
            return builder;
        }
        var folder = config["Simpus:Logs:Folder"] is { Length: > 0 } f
            ? f
            : Path.Combine(config[$"{SimpusOptions.Section}:DataDir"] is { Length: > 0 } d ? d : new SimpusOptions().DataDir, "logs");
        var retain = config.GetValue("Simpus:Logs:RetainFiles", 31);
        var fileLogger = Levels(new LoggerConfiguration(), config.GetSection("Logging:LogLevel"))
            .WriteTo.File(
                Path.Combine(Path.GetFullPath(folder), logPrefix + "-.log"),
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: CultureInfo.InvariantCulture,
                fileSizeLimitBytes: 20 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: Math.Max(1, retain))
            .CreateLogger();
        builder.Logging.AddSerilog(fileLogger, dispose: true);
        return builder;
    }

    /// <summary>
    /// The file follows <c>Logging:LogLevel</c> like the console (Serilog's provider bypasses those rules, so they are applied
    /// here). Whatever the configuration, request lines (whose URLs carry search words such as names) never reach the file.
    /// </summary>
    private static LoggerConfiguration Levels(LoggerConfiguration logger, IConfigurationSection levels)
    {
        logger.MinimumLevel.Is(Level(levels["Default"]) ?? LogEventLevel.Information);
        foreach (var category in levels.GetChildren().Where(c => c.Key != "Default"))
        {
            if (Level(category.Value) is { } level)
            {
                logger.MinimumLevel.Override(category.Key, level);
            }
        }
        var requests = Level(levels["Microsoft.AspNetCore.Hosting.Diagnostics"] ?? levels["Microsoft.AspNetCore.Hosting"] ?? levels["Microsoft.AspNetCore"] ?? levels["Microsoft"]);
        return logger.MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics",
            requests is { } r && r > LogEventLevel.Warning ? r : LogEventLevel.Warning);
    }

    private static LogEventLevel? Level(string? text) => Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level)
        ? level switch
        {
            LogLevel.Trace => LogEventLevel.Verbose,
            LogLevel.Debug => LogEventLevel.Debug,
            LogLevel.Information => LogEventLevel.Information,
            LogLevel.Warning => LogEventLevel.Warning,
            LogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Fatal,
        }
        : null;
}
