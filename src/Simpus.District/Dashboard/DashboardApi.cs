using Simpus.District.Hosting;
using Simpus.District.Quality;

namespace Simpus.District.Dashboard;

public static class DashboardApi
{
    /// <summary>
    /// <c>GET /api/dashboard?month=YYYY-MM</c>: the district dashboard of the month; without <c>month</c>, the latest month that is
    /// due (the previous month once the due day has passed, else the month before).
    /// </summary>
    public static RouteGroupBuilder MapDistrictDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/", (string? month, DistrictDashboard dashboard) =>
                TypedResults.Ok(dashboard.Get(month is null ? dashboard.LatestDueMonth() : QualityApi.Month(month))))
            .Produces<DistrictDashboardResponse>().ProducesValidationProblem();
        return group;
    }
}
