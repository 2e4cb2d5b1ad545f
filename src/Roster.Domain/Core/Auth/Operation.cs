using Roster.Domain.Errors;

namespace Roster.Domain.Auth;

/// <summary>
/// One Users API operation with its Zoom operation id, rate-limit label and the scopes that allow it
/// (reference §2). Admin scopes act on any user of the token's account; user scopes act on <c>me</c> only.
/// </summary>
public sealed record Operation(string Id, RateLabel Label, string[] AdminScopes, string[] UserScopes)
{
    /// <summary>Throws Zoom's 4711 unless the caller holds a scope that allows this call.</summary>
    public void Authorize(Caller caller, bool targetIsSelf)
    {
        foreach (var s in AdminScopes)
            if (caller.Scopes.Contains(s)) return;
        if (targetIsSelf)
            foreach (var s in UserScopes)
                if (caller.Scopes.Contains(s)) return;
        throw Fail.MissingScopes(targetIsSelf ? [.. AdminScopes, .. UserScopes] : AdminScopes);
    }

    /// <summary>
    /// For Roster's own admin calls: an admin-level scope of this operation, and never a user-level token
    /// (whatever scopes it holds, it acts for one signed-in user only).
    /// </summary>
    public void AuthorizeAdmin(Caller caller)
    {
        if (caller.UserLevel) throw Fail.UserLevelToken();
        Authorize(caller, targetIsSelf: false);
    }
}
