using System.Security.Claims;
using Simpus.District.Hosting;
using Simpus.District.Quality;
using Simpus.Web.Auth;

namespace Simpus.District.Dhis2;

public static class Dhis2Api
{
    /// <summary>
    /// <c>GET /api/dhis2/dataValueSets?month=YYYY-MM</c>: the month as DHIS2 dataValueSets JSON (import with <c>idScheme=CODE</c>);
    /// <c>GET/PUT/DELETE /api/dhis2/mapping</c>: the code mapping.
    /// </summary>
    public static RouteGroupBuilder MapDhis2(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dhis2").WithTags("DHIS2").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/dataValueSets", (string? month, Dhis2Mapping mapping, HttpContext http) =>
        {
            var period = QualityApi.Month(month);
            var export = mapping.Export(period);
            // A file to carry to DHIS2's import screen: browsers save it instead of showing the JSON.
            http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition
            {
                DispositionType = "attachment",
                FileName = FileName(period),
            }.ToString();
            return TypedResults.Ok(export);
        });
        group.MapGet("/mapping", (string? month, Dhis2Mapping mapping) =>
            month is null ? TypedResults.Ok(mapping.Overrides()) : TypedResults.Ok(mapping.Effective(QualityApi.Month(month))));
        group.MapPut("/mapping", (List<MappingEntry> entries, ClaimsPrincipal user, Dhis2Mapping mapping) =>
            TypedResults.Ok(mapping.Save(entries, user.UserName()))).RequireAuthorization(DistrictPolicies.Admin);
        group.MapDelete("/mapping", (string dataElement, string? disaggregation, Dhis2Mapping mapping) =>
        {
            mapping.Delete(dataElement, disaggregation ?? "");
            return TypedResults.NoContent();
        }).RequireAuthorization(DistrictPolicies.Admin);
        return group;
    }

    /// <summary>E.g. <c>dhis2-dataValueSets-2026-10.json</c>.</summary>
    public static string FileName(Simpus.Exchange.MonthPeriod period) => $"dhis2-dataValueSets-{period}.json";
}
