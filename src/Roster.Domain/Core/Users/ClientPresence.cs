namespace Roster.Domain.Users;

/// <summary>
/// What a client sign-in or sign-out does to a user's presence, as a Zoom client does it: the first client signed in
/// makes the user Available; signing out of the last one makes them Offline. In between, a status the user sets stands.
/// A browser is not a client that holds a presence (Zoom's web portal shows none).
/// </summary>
public static class ClientPresence
{
    public const string Browser = "browser";

    /// <summary>Notes the sign-in; returns whether the profile changed (then it needs saving).</summary>
    public static bool SignedIn(UserProfile profile, string clientType)
    {
        if (clientType == Browser) return false;
        var clients = profile.SignedInClients ??= [];
        if (clients.Contains(clientType)) return false;
        clients.Add(clientType);
        if (clients.Count > 1) return true;
        // the time of the last PUT is kept: a sign-in is not an update through the API and spends none of its quota
        profile.Presence = new PresenceState(PresenceStatuses.Available, null, profile.Presence?.SetAt ?? 0);
        return true;
    }

    /// <summary>Notes the sign-out; returns whether the profile changed (then it needs saving).</summary>
    public static bool SignedOut(UserProfile profile, string clientType)
    {
        if (profile.SignedInClients is not { } clients || !clients.Remove(clientType)) return false;
        if (clients.Count > 0) return true;
        profile.SignedInClients = null;
        profile.Presence = new PresenceState(PresenceStatuses.Offline, null, profile.Presence?.SetAt ?? 0);
        return true;
    }
}
