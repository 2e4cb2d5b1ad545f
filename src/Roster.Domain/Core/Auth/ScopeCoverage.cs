using Roster.Domain.Errors;

namespace Roster.Domain.Auth;

/// <summary>
/// What a scope lets a token do, as a set of (operation, reach) pairs, so that "no more than the caller holds" can be
/// decided by meaning rather than by name: <c>user:read:user:admin</c> is within <c>user:read:admin</c>, and
/// <c>user:read</c> (the signed-in user only) is within either. Used when one app mints another.
/// </summary>
public static class ScopeCoverage
{
    static IEnumerable<Operation> All => Operations.UsersApi.Concat(Operations.AccountsApi).Concat(Operations.RolesApi).Concat(Operations.RosterApi).Concat(Groups.GroupOperations.All).Concat(Groups.GroupSettingsOperations.All);

    /// <summary>True when every call <paramref name="scope"/> allows is also allowed to <paramref name="held"/>, for the same targets.</summary>
    public static bool IsWithin(string scope, IReadOnlySet<string> held)
    {
        if (held.Contains(scope)) return true;
        var grantsSomething = false;
        foreach (var op in All)
        {
            var admin = op.AdminScopes.Contains(scope);
            var self = op.UserScopes.Contains(scope);
            if (!admin && !self) continue;
            grantsSomething = true;
            var heldAdmin = op.AdminScopes.Any(held.Contains);
            var heldSelf = heldAdmin || op.UserScopes.Any(held.Contains);
            if (admin && !heldAdmin) return false;
            if (self && !heldSelf) return false;
        }
        return grantsSomething;
    }

    /// <summary>Throws Zoom's 4711 naming the scopes the caller would be handing out without holding them.</summary>
    public static void RequireWithin(IEnumerable<string> wanted, Caller caller)
    {
        var beyond = wanted.Where(s => !IsWithin(s, caller.Scopes)).ToArray();
        if (beyond.Length > 0)
            throw Fail.ScopesBeyondCreator(beyond);
    }
}
