using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Simpus.Web.Hosting;

/// <summary>
/// Serves the pages and their assets embedded in a host assembly (resources named <c>{Assembly}.wwwroot.{file}</c>),
/// so a single binary carries its UI. Shared assets (<c>/assets/simpus.css</c>, <c>/assets/simpus.js</c>) come from this library.
/// </summary>
public static class Pages
{
    public static void MapAssets(this IEndpointRouteBuilder app, params Assembly[] assemblies)
    {
        app.MapGet("/assets/{file}", (string file) =>
        {
            foreach (var assembly in assemblies.Append(typeof(Pages).Assembly))
            {
                var resource = $"{assembly.GetName().Name}.wwwroot.{file}";
                var stream = assembly.GetManifestResourceStream(resource);
                if (stream is not null)
                {
                    return Results.Stream(stream, ContentType(file));
                }
            }
            return Results.NotFound();
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Maps a page path to an embedded HTML file; the page needs a login (and the policy, if given).</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder app, string path, Assembly assembly, string file, string? policy = null)
    {
        var builder = app.MapGet(path, (HttpContext http) => Page(http, assembly, file)).ExcludeFromDescription();
        if (policy is not null)
        {
            builder.RequireAuthorization(policy);
        }
        return builder;
    }

    /// <summary>Answers an embedded HTML page (not cached by the browser: pages change with the user and the release).</summary>
    public static IResult Page(HttpContext http, Assembly assembly, string file)
    {
        var stream = assembly.GetManifestResourceStream($"{assembly.GetName().Name}.wwwroot.{file}")
            ?? throw new InvalidOperationException($"Page {file} is not embedded");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(stream, "text/html; charset=utf-8");
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
