using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Simpus.District.Hosting;
using Simpus.Exchange;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.District.Packages;

public sealed record UploadResult(string File, bool Ok, string Status, string? Code, string Message);

public static partial class PackagesApi
{
    /// <summary>How many package files one upload request may carry (the request is capped at this many times the package cap).</summary>
    public const int MaxFilesPerUpload = 10;

    /// <summary>
    /// <c>POST /api/packages</c>: a package file as the body, from the clinic's sender (no login: the signature is the proof of sender).
    /// The body is read in chunks and checked as it arrives (<see cref="PackageStream"/>): a declared or actual size over
    /// <c>Simpus:District:MaxPackageBytes</c>, or more values/drugs than allowed, is answered 413 at once, bytes that are not JSON
    /// 400 at once, without reading the rest. 201 accepted, 200 already received or older revision, 400 malformed/future period,
    /// 401 bad signature, 403 unknown puskesmas, 409 revision conflict or jump, 413 over a cap.
    /// </summary>
    public static RouteGroupBuilder MapPackages(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<DistrictOptions>>().Value;
        var group = app.MapGroup("/api/packages").WithTags("Packages");
        group.MapPost("/", async (HttpRequest request, PackageInbox inbox, IOptions<DistrictOptions> options, ILogger<PackageInbox> logger) =>
        {
            var limits = options.Value.Limits;
            try
            {
                byte[] body;
                try
                {
                    body = request.ContentLength > limits.MaxBytes
                        ? throw PackageStream.TooLarge(limits)
                        : await PackageStream.ReadAsync(request.Body, limits, request.HttpContext.RequestAborted);
                }
                catch (PackageRejectedException)
                {
                    // The rest of the body is not wanted: close the connection after answering instead of draining it.
                    request.HttpContext.Response.Headers.Connection = "close";
                    throw;
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    // Kestrel's own limit (the cap + 1 byte) saw the excess in its buffer before the reader asked for it.
                    request.HttpContext.Response.Headers.Connection = "close";
                    throw PackageStream.TooLarge(limits);
                }
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
        }).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(settings.MaxPackageBytes + 1))
          .Accepts<MonthlyPackage>("application/json")
          .Produces<ReceiveResult>(StatusCodes.Status201Created).Produces<ReceiveResult>()
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
          .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
          .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
          .WithSummary("Paket bulanan dari puskesmas (tanpa login: tanda tangan HMAC membuktikan pengirim).");

        group.MapPost("/upload", async (HttpRequest request, ClaimsPrincipal user, PackageInbox inbox, IOptions<DistrictOptions> options,
            ILogger<PackageInbox> logger) =>
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
            if (form.Files.Count > MaxFilesPerUpload)
            {
                return Results.Problem(Problem(StatusCodes.Status413PayloadTooLarge, "upload.tooManyFiles",
                    $"Paling banyak {MaxFilesPerUpload} berkas paket sekali unggah; unggah sisanya sesudahnya."));
            }
            var limits = options.Value.Limits;
            var results = new List<UploadResult>();
            foreach (var file in form.Files)
            {
                try
                {
                    if (file.Length > limits.MaxBytes)
                    {
                        throw PackageStream.TooLarge(limits);
                    }
                    await using var stream = file.OpenReadStream();
                    var bytes = await PackageStream.ReadAsync(stream, limits, request.HttpContext.RequestAborted);
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
        }).RequireAuthorization(DistrictPolicies.Staff).DisableAntiforgery()
          .WithMetadata(new RequestSizeLimitAttribute(settings.MaxPackageBytes * MaxFilesPerUpload + 64 * 1024))
          .Accepts<IFormFile>("multipart/form-data").Produces<List<UploadResult>>()
          .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
          .WithSummary("Unggah berkas paket (.json) yang dikirim puskesmas lewat flashdisk atau surel; beberapa sekaligus (paling banyak 10).");

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
                StatusCodes.Status413PayloadTooLarge => "Paket melebihi batas",
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
            PackageRejection.Refused when e.Code.StartsWith("package.revision", StringComparison.Ordinal) => StatusCodes.Status409Conflict,
            PackageRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Problem(Problem(status, e.Code, e.Message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Package {Puskesmas} {Period} revision {Revision}: {Status} (via {Via})")]
    private static partial void LogReceived(ILogger logger, string puskesmas, string period, int revision, string status, string via);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Package refused: {Code} (via {Via})")]
    private static partial void LogRefused(ILogger logger, string code, string via);
}
