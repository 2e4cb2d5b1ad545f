using Microsoft.OpenApi;

namespace Roster.Server.Http;

/// <summary>
/// OpenAPI metadata in Zoom's terms, so the published document says what each operation takes and answers:
/// its body, its success response, and Zoom's error body for 400/401 (every operation) and the given statuses.
/// </summary>
public static class OpenApiMetadata
{
    static RouteHandlerBuilder Errors(this RouteHandlerBuilder b, int[] statuses)
    {
        foreach (var status in statuses.Where(s => s >= 400).Union([400, 401]).Order())
            b.Produces<ErrorBody>(status, "application/json");
        return b;
    }

    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder b, int status, params int[] errors)
        => b.Produces<T>(status, "application/json").Errors(errors);

    /// <summary>201 with no body (Zoom's picture upload).</summary>
    public static RouteHandlerBuilder Created(this RouteHandlerBuilder b, params int[] errors)
        => b.Produces(StatusCodes.Status201Created).Errors(errors);

    public static RouteHandlerBuilder NoContent(this RouteHandlerBuilder b, params int[] errors)
        => b.Produces(StatusCodes.Status204NoContent).Errors(errors);

    /// <summary>
    /// Describes the body in the document only. (<c>Accepts</c> would also make routing refuse other media types
    /// with a bare 415 before the scope check; Roster reads bodies itself and answers in Zoom's shape.)
    /// </summary>
    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder b, string mediaType = "application/json") where T : notnull
        => b.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [mediaType] = new() { Schema = AsComponents(await context.GetOrCreateSchemaAsync(typeof(T), null, ct), context.Document, mediaType) },
                },
            };
        });

    /// <summary>
    /// A JSON body's schema as the answers' are: each object type a component of its own (named as the type) and the
    /// body a reference to it, so clients generate one model a type (tools/ClientModels). <c>GetOrCreateSchemaAsync</c>
    /// hands the schema unresolved, every type inline with its id in <c>x-schema-id</c>; forms stay inline.
    /// </summary>
    static IOpenApiSchema AsComponents(IOpenApiSchema schema, OpenApiDocument? document, string mediaType)
    {
        if (document is null || mediaType != "application/json" || schema is not OpenApiSchema s) return schema;
        if (s.Properties is { } properties)
            foreach (var name in properties.Keys.ToList()) properties[name] = AsComponents(properties[name], document, mediaType);
        if (s.Items is { } items) s.Items = AsComponents(items, document, mediaType);
        if (s.Metadata?.TryGetValue("x-schema-id", out var id) != true || id is not string { Length: > 0 } schemaId || s.Properties is null) return s;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas.TryAdd(schemaId, s);
        return new OpenApiSchemaReference(schemaId, document);
    }

    public static RouteHandlerBuilder Summary(this RouteHandlerBuilder b, string summary) => b.WithSummary(summary);
}
