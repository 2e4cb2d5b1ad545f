using Roster.Client;

namespace Roster.Testing;

/// <summary>An account made for one test: its credentials and a Zoom client. Disposing it deletes the account.</summary>
public sealed class RosterTestAccount : IAsyncDisposable
{
    readonly RosterSandbox _roster;
    int _disposed;

    internal RosterTestAccount(RosterSandbox roster, TestAccount made, ZoomClient zoom)
        => (_roster, AccountId, ClientId, ClientSecret, OwnerEmail, Zoom) = (roster, made.AccountId, made.ClientId, made.ClientSecret, made.OwnerEmail, zoom);

    /// <summary>The account's id (the Server-to-Server <c>account_id</c>).</summary>
    public string AccountId { get; }
    /// <summary>Its app's client id.</summary>
    public string ClientId { get; }
    /// <summary>Its app's secret.</summary>
    public string ClientSecret { get; }
    /// <summary>Its owner's e-mail.</summary>
    public string OwnerEmail { get; }
    /// <summary>A Zoom client for this account.</summary>
    public ZoomClient Zoom { get; }

    /// <summary>Deletes the account and everything of it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Zoom.Dispose();
        try
        {
            await _roster.Sandbox.DeleteAccountAsync(AccountId);
        }
        catch (ZoomApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // gone already (a reset)
        }
    }
}
