using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Simpus.Core.Common;

namespace Simpus.Web.Hosting;

/// <summary>
/// Applies <see cref="TextLimits"/> to every JSON body the API reads (each text property, and each text in a list of
/// them, is checked once the object is read: too long or holding control characters is a 400 naming the field) and
/// writes the same limits into the OpenAPI schema as <c>maxLength</c>.
/// </summary>
public static class TextInput
{
    /// <summary>A JSON type-info modifier: checks the text properties of every object read.</summary>
    public static void Check(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var texts = typeInfo.Properties
            .Where(p => p.Get is not null && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
        if (texts.Length == 0)
        {
            return;
        }
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            var validation = new Validation();
            foreach (var property in texts)
            {
                switch (property.Get!(value))
                {
                    case string text when TextLimits.Problem(property.Name, text) is { } problem:
                        validation.Add(property.Name, "text.invalid", problem);
                        break;
                    case IEnumerable<string> list:
                        foreach (var item in list)
                        {
                            if (TextLimits.Problem(property.Name, item) is { } itemProblem)
                            {
                                validation.Add(property.Name, "text.invalid", itemProblem);
                                break;
                            }
                        }
                        break;
                }
            }
            validation.ThrowIfAny();
        };
    }

    /// <summary>
    /// An OpenAPI document transformer: the text properties of every schema a request body uses (directly or nested)
    /// carry their <c>maxLength</c>. Schemas only answered, never read, are left alone: their texts (messages) are not limited.
    /// </summary>
    public static Task DeclareAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var seen = new HashSet<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
            {
                if (media.Schema is not null)
                {
                    Declare(document, media.Schema, seen);
                }
            }
        }
        return Task.CompletedTask;
    }

    private static void Declare(OpenApiDocument document, IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
            {
                schema = target;
            }
            else
            {
                return;
            }
        }
        if (!seen.Add(schema))
        {
            return;
        }
        if (schema.Items is not null)
        {
            Declare(document, schema.Items, seen);
        }
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is OpenApiSchema { Type: { } type } concrete && type.HasFlag(JsonSchemaType.String) && concrete.Format is null)
            {
                concrete.MaxLength = TextLimits.For(name);
            }
            else if (property is OpenApiSchema { Type: { } listType, Items: OpenApiSchema { Type: { } itemType } item }
                     && listType.HasFlag(JsonSchemaType.Array) && itemType.HasFlag(JsonSchemaType.String))
            {
                item.MaxLength = TextLimits.For(name);
            }
            else
            {
                Declare(document, property, seen);
            }
        }
    }
}
