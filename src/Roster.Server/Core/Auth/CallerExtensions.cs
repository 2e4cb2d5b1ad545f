using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Server.Auth;

/// <summary>Puts the validated caller on the request for every endpoint of a group.</summary>
public static class CallerExtensions
{
    const string Key = "roster.caller";

    public static Caller Caller(this HttpContext context)
        => context.Items[Key] as Caller ?? throw new InvalidOperationException("endpoint is not behind RequireZoomToken");

    /// <summary>The caller once a token was checked for this request, else null.</summary>
    public static Caller? TryCaller(this HttpContext context) => context.Items.TryGetValue(Key, out var c) ? c as Caller : null;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    public static TBuilder RequireZoomToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (ctx, next) =>
        {
            var tokens = ctx.HttpContext.RequestServices.GetRequiredService<AccessTokens>();
            ctx.HttpContext.Items[Key] = await tokens.ValidateAsync(ctx.HttpContext.Request.Headers.Authorization);
            return await next(ctx);
        });

    /// <summary>
    /// Checks the operation's scopes before anything else about the request, as Zoom does: a token with neither an
    /// admin nor a user scope of the operation gets 4711 at once. Whether a user scope reaches the target (only
    /// <c>me</c>) is decided by the domain once the target is known.
    /// </summary>
    /// <remarks>Roster's own calls pass <paramref name="zoomRateLimits"/> false: they are not Zoom's API and use none of its quota.</remarks>
    public static TBuilder Scoped<TBuilder>(this TBuilder builder, Operation operation, bool zoomRateLimits = true) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var caller = http.Caller();
            var admin = operation.AdminScopes.Any(caller.Scopes.Contains);
            if (!admin && !operation.UserScopes.Any(caller.Scopes.Contains))
                throw Fail.MissingScopes(operation.AdminScopes);
            // User scopes reach only the caller: a target named by another id is refused before its input is read
            // (an e-mail may still be the caller's own; the domain decides that once the user is known).
            if (!admin && http.Request.RouteValues.TryGetValue("userId", out var target) && target is string t
                && t != "me" && t != caller.UserId && !t.Contains('@'))
                throw Fail.MissingScopes([.. operation.AdminScopes, .. operation.UserScopes]);
            var limiter = http.RequestServices.GetRequiredService<Domain.Limits.RateLimiter>();
            if (zoomRateLimits && limiter.Enabled)
            {
                var plan = (await http.RequestServices.GetRequiredService<Users.AccountFacts>().OfAsync(caller.AccountId, http.RequestAborted)).Plan;
                var decision = await limiter.TakeAsync(caller.AccountId, plan, operation.Label);
                if (decision.Error is not null)
                {
                    http.RequestServices.GetRequiredService<Metrics.RosterMetrics>().RateLimitRefused(operation, decision.Category, decision.Type);
                    throw decision.Refusal();
                }
                foreach (var (name, value) in decision.Headers()) http.Response.Headers[name] = value;
            }
            return await next(ctx);
        }).WithMetadata(operation);
}
