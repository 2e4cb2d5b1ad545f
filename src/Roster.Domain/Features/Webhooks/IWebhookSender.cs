namespace Roster.Domain.Webhooks;

/// <summary>
/// Sends one webhook request: Roster's network rules (allowed networks, no redirects, the timeout) live in the host.
/// <see cref="SendOutcome.Status"/> is the HTTP status, or a negative code when no answer came (Zoom's log does the same).
/// </summary>
public interface IWebhookSender
{
    Task<SendOutcome> PostAsync(string url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct);
}
