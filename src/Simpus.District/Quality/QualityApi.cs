using Simpus.Core.Common;
using Simpus.District.Hosting;
using Simpus.Exchange;

namespace Simpus.District.Quality;

public static class QualityApi
{
    /// <summary><c>GET /api/quality?month=YYYY-MM</c>: completeness, timeliness, rule violations and outliers of the month.</summary>
    public static RouteGroupBuilder MapQuality(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/quality").WithTags("Quality").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/", (string? month, QualityService quality) => TypedResults.Ok(quality.Assess(Month(month))));
        return group;
    }

    /// <summary>Parses the <c>month</c> query parameter (yyyy-MM) or answers a 400 naming it.</summary>
    public static MonthPeriod Month(string? month) =>
        MonthPeriod.TryParse(month, out var period)
            ? period
            : throw ValidationFailedException.For("month", "month.invalid", "Bulan harus berbentuk YYYY-MM, contoh 2026-10.");
}
