using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Core.Common;

namespace Simpus.Web.Problems;

/// <summary>Turns domain exceptions into <c>application/problem+json</c>: 400 naming each field with a code and an Indonesian message, 403, 404, 409.</summary>
public static class ProblemMapping
{
    public static IServiceCollection AddSimpusProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = InIndonesian);
        services.AddExceptionHandler<DomainExceptionHandler>();
        // A body that does not bind (bad JSON, a wrong type) reaches the handler below in every environment, so the
        // answer names the field; without this, Production answers a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The bare answers of the framework (an unknown API address, a method or media type the address does not take) in Indonesian, with a code.</summary>
    private static void InIndonesian(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (context.Exception is not null || problem.Detail is not null || problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        (string Title, string Detail, string Code)? text = problem.Status switch
        {
            StatusCodes.Status404NotFound => ("Tidak ditemukan", "Alamat ini tidak ada.", "route.notFound"),
            StatusCodes.Status405MethodNotAllowed => ("Metode tidak diizinkan", $"Alamat ini tidak menerima {context.HttpContext.Request.Method}.", "route.method"),
            StatusCodes.Status415UnsupportedMediaType => ("Jenis isi tidak didukung", "Jenis isi permintaan ini tidak diterima di alamat ini.", "body.mediaType"),
            _ => null,
        };
        if (text is { } t)
        {
            problem.Title = t.Title;
            problem.Detail = t.Detail;
            problem.Extensions["code"] = t.Code;
        }
    }

    public static ProblemDetails Validation(IReadOnlyList<FieldError> errors)
    {
        var problem = new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Data tidak valid",
            Detail = string.Join(" ", errors.Select(e => e.Message)),
            Type = "https://simpus.id/problems/validation",
        };
        problem.Extensions["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        return problem;
    }

    public static IResult ValidationResult(IReadOnlyList<FieldError> errors) =>
        Results.Problem(Validation(errors));

    private sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            ProblemDetails? problem = exception switch
            {
                ValidationFailedException v => Validation(v.Errors),
                NotFoundException n => Coded(StatusCodes.Status404NotFound, "Tidak ditemukan", n.Message, n.Code),
                ForbiddenException f => Coded(StatusCodes.Status403Forbidden, "Tidak diizinkan", f.Message, f.Code),
                ConflictException c => Conflict(c),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Coded(StatusCodes.Status413PayloadTooLarge,
                    "Isi permintaan terlalu besar", "Isi permintaan melebihi batas ukuran untuk alamat ini.", "body.tooLarge"),
                BadHttpRequestException b => BadBody(b),
                _ => null,
            };
            if (problem is null)
            {
                return false;
            }
            context.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
        }

        private static ProblemDetails Coded(int status, string title, string detail, string code)
        {
            var p = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "https://simpus.id/problems/" + code };
            p.Extensions["code"] = code;
            return p;
        }

        private static ProblemDetails Conflict(ConflictException c)
        {
            var p = Coded(StatusCodes.Status409Conflict, "Bentrok dengan data yang ada", c.Message, c.Code);
            foreach (var (key, value) in c.Details)
            {
                p.Extensions[key] = value;
            }
            return p;
        }

        private static ProblemDetails BadBody(BadHttpRequestException b)
        {
            var field = "body";
            var message = "Isi permintaan bukan JSON yang sah atau tipe datanya salah.";
            if (b.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path })
            {
                field = path.TrimStart('$', '.');
                message = $"Nilai '{field}' tidak sesuai tipenya.";
            }
            return Validation([new FieldError(field, "body.invalid", message)]);
        }
    }
}
