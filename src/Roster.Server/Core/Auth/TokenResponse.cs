namespace Roster.Server.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope, string ApiUrl, string? RefreshToken = null);

/// <summary>The token endpoint's own error body (reference §7.4): <c>{reason, error}</c>.</summary>
public sealed record OAuthErrorBody(string Reason, string Error);
