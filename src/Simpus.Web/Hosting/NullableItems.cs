using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Simpus.Web.Hosting;

/// <summary>
/// An OpenAPI schema transformer: a list whose items may be null (<c>IReadOnlyList&lt;string?&gt;</c>) says so in its
/// item schema. The generator reads nullability of a property but not of its type arguments.
/// </summary>
public static class NullableItems
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static Task DeclareAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo property
            && schema.Items is OpenApiSchema { Type: { } itemType } items
            && Nullability.Create(property).GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }])
        {
            items.Type = itemType | JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
