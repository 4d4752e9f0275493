using Simpus.District.Hosting;

namespace Simpus.District.Registry;

public static class RegistryApi
{
    /// <summary>The registry of puskesmas: registering or rotating answers the key once; listing never shows it.</summary>
    public static RouteGroupBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/puskesmas").WithTags("Puskesmas").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/", (PuskesmasRegistry registry) => TypedResults.Ok(registry.List()));
        group.MapPost("/", (PuskesmasInput input, PuskesmasRegistry registry) =>
        {
            var issued = registry.Register(input);
            return TypedResults.Created($"/api/puskesmas/{issued.Code}", issued);
        }).RequireAuthorization(DistrictPolicies.Admin);
        group.MapPut("/{code}", (string code, PuskesmasInput input, PuskesmasRegistry registry) => TypedResults.Ok(registry.Update(code, input)))
            .RequireAuthorization(DistrictPolicies.Admin);
        group.MapPost("/{code}/key", (string code, PuskesmasRegistry registry) => TypedResults.Ok(registry.RotateKey(code)))
            .RequireAuthorization(DistrictPolicies.Admin);
        return group;
    }
}
