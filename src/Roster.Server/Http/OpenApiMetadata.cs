
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
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    [mediaType] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
                },
            };
        });

    public static RouteHandlerBuilder Summary(this RouteHandlerBuilder b, string summary) => b.WithSummary(summary);
}
