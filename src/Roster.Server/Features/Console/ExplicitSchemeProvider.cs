using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Roster.Server.AdminConsole;

/// <summary>
/// The authentication schemes with no default made up: ASP.NET Core would make the only scheme (the console's cookie)
/// the default, and its middleware would then read that cookie on every request. Here a default is only what
/// <see cref="AuthenticationOptions"/> names (nothing, in Roster), so the API's requests never read the console's
/// cookie, and the console names its scheme wherever it authenticates or signs in or out. Per host, unlike the
/// process-wide <c>SuppressAutoDefaultScheme</c> switch, so two servers in one process do not touch each other.
/// </summary>
public sealed class ExplicitSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    readonly AuthenticationOptions _options = options.Value;

    Task<AuthenticationScheme?> Named(string? name) => name is null ? Task.FromResult<AuthenticationScheme?>(null) : GetSchemeAsync(name);

    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() => Named(_options.DefaultAuthenticateScheme ?? _options.DefaultScheme);
    public override Task<AuthenticationScheme?> GetDefaultChallengeSchemeAsync() => Named(_options.DefaultChallengeScheme ?? _options.DefaultScheme);
    public override Task<AuthenticationScheme?> GetDefaultForbidSchemeAsync() => Named(_options.DefaultForbidScheme ?? _options.DefaultChallengeScheme ?? _options.DefaultScheme);
    public override Task<AuthenticationScheme?> GetDefaultSignInSchemeAsync() => Named(_options.DefaultSignInScheme ?? _options.DefaultScheme);
    public override Task<AuthenticationScheme?> GetDefaultSignOutSchemeAsync() => Named(_options.DefaultSignOutScheme ?? _options.DefaultSignInScheme ?? _options.DefaultScheme);
}
