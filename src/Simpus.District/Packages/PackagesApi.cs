using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Simpus.District.Hosting;
using Simpus.Exchange;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.District.Packages;

public sealed record UploadResult(string File, bool Ok, string Status, string? Code, string Message);

public static partial class PackagesApi
{
    public const long MaxPackageBytes = 20 * 1024 * 1024;

    /// <summary>
    /// <c>POST /api/packages</c>: a package file as the body, from the clinic's sender (no login: the signature is the proof of sender).
    /// 201 accepted, 200 already received or older revision, 400 malformed/future period, 401 bad signature, 403 unknown puskesmas, 409 revision conflict.
    /// </summary>
    public static RouteGroupBuilder MapPackages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/packages").WithTags("Packages");
        group.MapPost("/", async (HttpRequest request, PackageInbox inbox, ILogger<PackageInbox> logger) =>
        {
            var body = await ReadAsync(request.Body, request.ContentLength);
            if (body is null)
            {
                return Refusal(new PackageRejectedException("package.tooLarge", "Paket terlalu besar.", PackageRejection.Malformed));
            }
            try
            {
                var result = inbox.Receive(body, "api", null);
                LogReceived(logger, result.PuskesmasCode, result.Period, result.Revision, result.Status, "api");
                return result.Status == ReceiveStatus.Accepted
                    ? Results.Created($"/api/packages/{result.PackageId}", result)
                    : Results.Ok(result);
            }
            catch (PackageRejectedException e)
            {
                LogRefused(logger, e.Code, "api");
                return Refusal(e);
            }
        }).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(MaxPackageBytes))
          .Accepts<MonthlyPackage>("application/json")
          .Produces<ReceiveResult>(StatusCodes.Status201Created).Produces<ReceiveResult>()
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
          .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Paket bulanan dari puskesmas (tanpa login: tanda tangan HMAC membuktikan pengirim).");

        group.MapPost("/upload", async (HttpRequest request, ClaimsPrincipal user, PackageInbox inbox, ILogger<PackageInbox> logger) =>
        {
            if (!request.HasFormContentType)
            {
                return Results.Problem(Problem(StatusCodes.Status400BadRequest, "upload.noFile", "Pilih berkas paket (.json) untuk diunggah."));
            }
            var form = await Uploads.ReadFormAsync(request);
            if (form.Files.Count == 0)
            {
                return Results.Problem(Problem(StatusCodes.Status400BadRequest, "upload.noFile", "Pilih berkas paket (.json) untuk diunggah."));
            }
            var results = new List<UploadResult>();
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                var bytes = await ReadAsync(stream, file.Length);
                if (bytes is null)
                {
                    results.Add(new UploadResult(file.FileName, false, "refused", "package.tooLarge", "Paket terlalu besar."));
                    continue;
                }
                try
                {
                    var r = inbox.Receive(bytes, "upload", user.UserName());
                    LogReceived(logger, r.PuskesmasCode, r.Period, r.Revision, r.Status, "upload");
                    results.Add(new UploadResult(file.FileName, true, r.Status, null, r.Message));
                }
                catch (PackageRejectedException e)
                {
                    LogRefused(logger, e.Code, "upload");
                    results.Add(new UploadResult(file.FileName, false, "refused", e.Code, e.Message));
                }
            }
            return Results.Ok(results);
        }).RequireAuthorization(DistrictPolicies.Staff).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxPackageBytes * 10))
          .Accepts<IFormFile>("multipart/form-data").Produces<List<UploadResult>>()
          .WithSummary("Unggah berkas paket (.json) yang dikirim puskesmas lewat flashdisk atau surel; beberapa sekaligus.");

        group.MapGet("/", (string? month, string? puskesmas, PackageInbox inbox) => TypedResults.Ok(inbox.List(month, puskesmas)))
            .RequireAuthorization(DistrictPolicies.Staff);
        group.MapGet("/{id:long}/file", (long id, PackageInbox inbox) =>
            Results.Text(inbox.File(id), "application/json; charset=utf-8")).RequireAuthorization(DistrictPolicies.Staff);
        return group;
    }

    public static ProblemDetails Problem(int status, string code, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status401Unauthorized => "Tanda tangan paket tidak sah",
                StatusCodes.Status403Forbidden => "Pengirim tidak dikenal",
                StatusCodes.Status409Conflict => "Bentrok dengan paket yang sudah diterima",
                _ => "Paket ditolak",
            },
            Detail = detail,
            Type = "https://simpus.id/problems/" + code,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    private static IResult Refusal(PackageRejectedException e)
    {
        var status = e.Kind switch
        {
            PackageRejection.Signature => StatusCodes.Status401Unauthorized,
            PackageRejection.UnknownSender => StatusCodes.Status403Forbidden,
            PackageRejection.Refused when e.Code == "package.revisionConflict" => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Problem(Problem(status, e.Code, e.Message));
    }

    private static async Task<byte[]?> ReadAsync(Stream body, long? declared)
    {
        if (declared > MaxPackageBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxPackageBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Package {Puskesmas} {Period} revision {Revision}: {Status} (via {Via})")]
    private static partial void LogReceived(ILogger logger, string puskesmas, string period, int revision, string status, string via);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Package refused: {Code} (via {Via})")]
    private static partial void LogRefused(ILogger logger, string code, string via);
}
