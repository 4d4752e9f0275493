using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Core.Data;
using Simpus.Web.Auth;
using Simpus.Web.Problems;
using Simpus.Web.Users;

namespace Simpus.Web.Hosting;

/// <summary>What every SIMPUS host (clinic, district) sets up the same way: problems, login, JSON, OpenAPI, health.</summary>
public static class WebDefaults
{
    /// <summary>The largest request body an endpoint accepts unless it declares more.</summary>
    public const long MaxJsonBytes = 1024 * 1024;

    public static IServiceCollection AddSimpusWeb(this IServiceCollection services, Action<AuthorizationBuilder> policies,
        string cookieName = AuthSetup.CookieName)
    {
        services.AddSimpusProblems();
        services.AddSimpusAuth(policies, cookieName);
        services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(o => o.ConstraintMap[PagePathConstraint.Name] = typeof(PagePathConstraint));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // null where the model says "never null" is the sender's error: a 400 naming the field, not a
            // NullReferenceException deeper down. (A left-out nullable constructor argument stays allowed: partial updates.)
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(TextInput.Check);
        });
        // JSON bodies are small: 1 MB at most, unless an endpoint (an import) declares its own limit with RequestSizeLimit.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxJsonBytes);
        services.AddOpenApi(o =>
        {
            o.AddOperationTransformer(StandardResponses.ApplyAsync);
            o.AddDocumentTransformer(TextInput.DeclareAsync);
            o.AddSchemaTransformer(NullableItems.DeclareAsync);
        });
        return services;
    }

    /// <summary>
    /// The middleware pipeline and the shared endpoints: <c>/health</c> (no login), <c>/openapi/v1.json</c>, <c>/api/auth</c>,
    /// <c>/api/users</c>, <c>/api/sessions</c>, the pages <c>/akun</c> (own account) and <c>/pengguna</c> (users and sessions,
    /// admin), <c>/favicon.ico</c>, and an Indonesian "Halaman tidak ditemukan" page for every unknown address.
    /// </summary>
    public static WebApplication UseSimpusWeb(this WebApplication app, string adminPolicy)
    {
        app.UseSecurityHeaders();
        if (Https.IsEnabled(app.Configuration))
        {
            app.UseHttpsRedirection();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/health", (Database db) =>
        {
            using var c = db.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT 1";
            cmd.ExecuteScalar();
            return TypedResults.Ok(new { status = "ok" });
        }).AllowAnonymous().WithTags("Health");
        app.MapOpenApi();
        app.MapAuth();
        app.MapUsers(adminPolicy);
        app.MapSessions(adminPolicy);

        var assembly = typeof(WebDefaults).Assembly;
        app.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Stream(assembly.GetManifestResourceStream("Simpus.Web.wwwroot.favicon.ico")!, "image/x-icon");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapPage("/akun", assembly, "akun.html");
        app.MapPage("/pengguna", assembly, "pengguna.html", adminPolicy);
        app.MapFallback("{*path:" + PagePathConstraint.Name + "}", ErrorPages.NotFoundAsync)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
