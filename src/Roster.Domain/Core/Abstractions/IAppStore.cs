using Roster.Domain.Auth;

namespace Roster.Domain.Abstractions;

/// <summary>OAuth apps and their single-use grants.</summary>
public interface IAppStore
{
    Task<OAuthApp?> GetAppAsync(string clientId);
    /// <summary>An account's apps, oldest first.</summary>
    Task<IReadOnlyList<OAuthApp>> ListAppsAsync(string accountId);
    Task InsertAppAsync(OAuthApp app);
    Task UpdateAppSecretAsync(string clientId, string secretHash);
    Task UpdateAppScopesAsync(string clientId, IReadOnlyList<string> scopes);
    Task InsertGrantAsync(OAuthGrant grant);
    /// <summary>Marks the grant used and returns it, or null when it does not exist or was used before (single use).</summary>
    Task<OAuthGrant?> TakeGrantAsync(string tokenHash, string kind);
}
