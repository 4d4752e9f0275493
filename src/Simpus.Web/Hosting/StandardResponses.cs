using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Simpus.Web.Hosting;

/// <summary>
/// Declares in the OpenAPI document the answers every operation can give whatever its handler does, derived from what
/// the operation is: 401 when it needs a login, 403 when it needs a role, 400 (validation problem naming the field)
/// when it takes parameters or a body, 404 when its path names a record, 409 when it writes (the data may have moved
/// on: a duplicate, a record already voided, a status that cannot follow), 413/415 when it takes a body. What only
/// some handlers answer (429 ...) each endpoint declares itself.
/// </summary>
public static class StandardResponses
{
    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var parameters = context.Description.ParameterDescriptions;
        var hasBody = operation.RequestBody is not null;
        operation.Responses ??= new OpenApiResponses();

        if (parameters.Count > 0 || hasBody)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), cancellationToken: cancellationToken);
            Add(operation, StatusCodes.Status400BadRequest, "Data tidak valid: errors menyebut field dan pesannya", schema);
        }
        if (!anonymous)
        {
            Add(operation, StatusCodes.Status401Unauthorized, "Belum masuk (login)");
            // A role the policy does not admit, or a rule of the record (another poli's patient, a wrong kiosk PIN).
            Add(operation, StatusCodes.Status403Forbidden, "Peran atau hak pengguna tidak mengizinkan");
        }
        if (context.Description.HttpMethod is "POST" or "PUT" or "DELETE" or "PATCH")
        {
            Add(operation, StatusCodes.Status409Conflict, "Bentrok dengan data yang ada");
        }
        if (parameters.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Add(operation, StatusCodes.Status404NotFound, "Data yang disebut di alamat tidak ditemukan");
        }
        if (hasBody)
        {
            Add(operation, StatusCodes.Status413PayloadTooLarge, "Isi permintaan terlalu besar");
            Add(operation, StatusCodes.Status415UnsupportedMediaType, "Jenis isi permintaan tidak didukung");
        }
    }

    private static void Add(OpenApiOperation operation, int status, string description, OpenApiSchema? schema = null)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        var response = new OpenApiResponse { Description = description };
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = schema ?? new OpenApiSchema { Type = JsonSchemaType.Object } },
        };
        operation.Responses[key] = response;
    }
}
