using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    public static IServiceCollection AddSimpusWeb(this IServiceCollection services, Action<AuthorizationBuilder> policies)
    {
        services.AddSimpusProblems();
        services.AddSimpusAuth(policies);
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

    /// <summary>The middleware pipeline and the shared endpoints: <c>/health</c> (no login), <c>/openapi/v1.json</c>, <c>/api/auth</c>, <c>/api/users</c>.</summary>
    public static WebApplication UseSimpusWeb(this WebApplication app, string adminPolicy)
    {
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
        return app;
    }
}
