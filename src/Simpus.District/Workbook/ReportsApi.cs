using Simpus.District.Hosting;
using Simpus.District.Quality;

namespace Simpus.District.Workbook;

public static class ReportsApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>GET /api/reports/monthly?month=YYYY-MM[&amp;ytd=true]</c>: the district workbook for the month or January to that month.</summary>
    public static RouteGroupBuilder MapDistrictReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/monthly", (string? month, bool? ytd, DistrictWorkbook workbook) =>
        {
            var period = QualityApi.Month(month);
            var bytes = workbook.Build(period, ytd ?? false);
            var name = (ytd ?? false) ? $"dinkes-{period.Year}-01-sd-{period.Month:00}.xlsx" : $"dinkes-{period}.xlsx";
            return TypedResults.File(bytes, XlsxType, name);
        });
        return group;
    }
}
