using System.Globalization;

namespace Roster.Domain.Webhooks;

/// <summary>
/// Zoom's endpoint URL validation (reference §13.4): a signed <c>endpoint.url_validation</c> request with a random
/// <c>plainToken</c>; the endpoint must answer 2xx with <c>{"plainToken", "encryptedToken"}</c> where
/// <c>encryptedToken</c> is the hex HMAC-SHA256 of the plain token under the secret token.
/// </summary>
public sealed class UrlValidation(IWebhookSender sender, TimeProvider real)
{
    /// <summary>Null when the URL answered the challenge, else why not (said to the caller: no secrets in it).</summary>
    public async Task<string?> ChallengeAsync(string url, string secretToken, CancellationToken ct)
    {
        var plainToken = Ids.Random(16);
        var now = real.GetUtcNow();
        var body = CanonicalJson.Serialize(new JsonObject
        {
            ["payload"] = new JsonObject { ["plainToken"] = plainToken },
            ["event_ts"] = now.ToUnixTimeMilliseconds(),
            ["event"] = "endpoint.url_validation",
        });
        var outcome = await sender.PostAsync(url, body, WebhookDispatcher.Headers(secretToken, now.ToUnixTimeSeconds(), body, Ids.Random(16)), ct);
        if (!outcome.Succeeded)
            return outcome.Status < 0 ? $"the endpoint could not be reached ({outcome.Failure})" : $"the endpoint answered HTTP {outcome.Status.ToString(CultureInfo.InvariantCulture)}";
        JsonNode? answer;
        try { answer = JsonNode.Parse(outcome.Response ?? ""); }
        catch (JsonException) { return "the endpoint's answer is not JSON"; }
        var expected = WebhookSignature.AnswerChallenge(secretToken, plainToken);
        if (answer is not JsonObject o || o["plainToken"]?.GetValueKind() != JsonValueKind.String || o["plainToken"]!.GetValue<string>() != plainToken)
            return "the endpoint's answer does not carry the plainToken sent";
        if (o["encryptedToken"]?.GetValueKind() != JsonValueKind.String || o["encryptedToken"]!.GetValue<string>() != expected)
            return "the endpoint's encryptedToken is not the HMAC-SHA256 of the plainToken under the app's secret token";
        return null;
    }
}
