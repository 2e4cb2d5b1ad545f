namespace Roster.Client.AspNetCore;

/// <summary>Options of a webhook endpoint.</summary>
public sealed class ZoomWebhookOptions
{
    /// <summary>The app's secret token (Zoom's app page, or Roster's <c>webhook_secret_token</c>).</summary>
    public string SecretToken { get; set; } = "";
    /// <summary>How far a request's timestamp may stand from now; 5 minutes by default.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Largest body accepted; 1 MiB by default.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;
}
