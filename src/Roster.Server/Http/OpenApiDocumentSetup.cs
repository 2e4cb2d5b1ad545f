using System.ComponentModel.DataAnnotations;
using Microsoft.OpenApi;
using Roster.Domain.Auth;

namespace Roster.Server.Http;

/// <summary>
/// The published OpenAPI document says where to send requests and how to authorize them, so a docs page can try
/// them: the server the document was fetched from, an OAuth2 client-credentials scheme on Roster's token endpoint,
/// each operation's scopes, and the token endpoint's form body and answers.
/// </summary>
public static class OpenApiDocumentSetup
{
    public const string OAuthScheme = "zoom_oauth";
    public const string BasicScheme = "client_basic";

    static IEnumerable<Operation> AllOperations => Operations.UsersApi.Concat(Operations.AccountsApi).Concat(Operations.RosterApi);

    public static IServiceCollection AddRosterOpenApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        return services.AddOpenApi("v2", o =>
        {
            o.AddDocumentTransformer((doc, context, _) =>
            {
                doc.Info = new()
                {
                    Title = "Roster: Zoom Users API v2", Version = "2.0.0",
                    Description = "Zoom's Users API as served by Roster. Errors use Zoom's body {code, message, errors[]}. " +
                        "To try a request: Authorize with the client id and secret of a Server-to-Server app (credentials.json of the data folder).",
                };
                var request = context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request;
                var origin = request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}{request.PathBase}";
                doc.Servers = [new OpenApiServer { Url = origin, Description = "This Roster server" }];
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes[OAuthScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Zoom's Server-to-Server OAuth on Roster's token endpoint. Tools send grant_type=client_credentials; " +
                        "Zoom clients send grant_type=account_credentials with account_id. Either gives the app's bearer token.",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri(origin + "/oauth/token"),
                            Scopes = AllOperations.SelectMany(op => op.AdminScopes.Concat(op.UserScopes)).Distinct(StringComparer.Ordinal)
                                .Order(StringComparer.Ordinal).ToDictionary(s => s, s => s.Contains(':') ? "granular scope" : "classic scope"),
                        },
                    },
                };
                doc.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "basic", Description = "The app's client id and client secret.",
                };
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                // a time written as an ISO 8601 string (UserWire.Time) is one: clients can read it as a date-time
                if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DataTypeAttribute), false)
                    is [DataTypeAttribute { DataType: DataType.DateTime }, ..])
                    schema.Format = "date-time";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer((doc, _, _) =>
            {
                MarkAlwaysWritten(doc);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // each operation's scopes: any one of them allows the call (admin scopes for any user, user scopes for me)
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Operation>().FirstOrDefault() is { } op)
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuthScheme, context.Document)] = [.. op.AdminScopes, .. op.UserScopes] },
                    ];
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>
    /// Roster writes every property of an answer but the null ones (WhenWritingNull), so a property of an answer's schema
    /// whose type excludes null is in every answer: the document lists it as required, and clients can type it so.
    /// </summary>
    static void MarkAlwaysWritten(OpenApiDocument doc)
    {
        var answers = doc.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(op => op.Responses ?? []).Where(r => r.Key.StartsWith('2'))
            .SelectMany(r => r.Value.Content?.Values ?? []).Select(c => c.Schema);
        var pending = new Stack<string>(answers.SelectMany(References));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var id))
        {
            if (!seen.Add(id) || doc.Components?.Schemas is not { } schemas || !schemas.TryGetValue(id, out var found)
                || found is not OpenApiSchema { Properties: not null } schema) continue;
            foreach (var (name, property) in schema.Properties)
            {
                if (property is OpenApiSchema { Type: { } type } && (type & JsonSchemaType.Null) == 0)
                    (schema.Required ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                foreach (var reference in References(property)) pending.Push(reference);
            }
        }
    }

    static IEnumerable<string> References(IOpenApiSchema? schema) => schema switch
    {
        OpenApiSchemaReference { Reference.Id: { } id } => [id],
        null => [],
        _ => References(schema.Items).Concat((schema.OneOf ?? []).Concat(schema.AnyOf ?? []).SelectMany(References)),
    };

    /// <summary>The token endpoint: its form body, its answers, HTTP Basic.</summary>
    public static RouteHandlerBuilder TokenEndpointDocs(this RouteHandlerBuilder b)
        => b.Body<TokenForm>("application/x-www-form-urlencoded")
            .Produces<Auth.TokenResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<Auth.OAuthErrorBody>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<Auth.OAuthErrorBody>(StatusCodes.Status401Unauthorized, "application/json")
            .Produces<Auth.OAuthErrorBody>(StatusCodes.Status429TooManyRequests, "application/json")
            .WithSummary("Get an access token")
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, context.Document)] = [] }];
                return Task.CompletedTask;
            });
}
