using System.Text;
using System.Text.Json;
using Roster.Client.Webhooks;

namespace Roster.Client.Tests;

/// <summary>The receiver's side of Zoom's webhooks, with the reference test vectors (contract §13.3–13.4).</summary>
public class WebhookVerifierTests
{
    sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    const string Body = """{"event":"user.created","event_ts":1700000000123,"payload":{"account_id":"acc1","operator":"admin@example.com","operator_id":"op1","creation_type":"create","object":{"id":"u1","email":"a@example.com","type":1}}}""";
    const string Signature = "v0=4386a1a1233a8f33a0a68595be5f525f35ae7dc04037a73e1c57c9580621a7d6";

    [Fact]
    public void AcceptsZoomsSignatureAndRefusesAnythingElse()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var verifier = new ZoomWebhookVerifier("test_secret_token_123", clock: new At(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddSeconds(30)));
        Assert.Equal(Signature, verifier.Sign(1700000000, body));
        Assert.True(verifier.Verify("1700000000", Signature, body));
        Assert.False(verifier.Verify("1700000000", Signature.ToUpperInvariant(), body));
        Assert.False(verifier.Verify("1700000001", Signature, body));
        Assert.False(verifier.Verify(null, Signature, body));
        Assert.False(verifier.Verify("1700000000", null, body));
        Assert.False(verifier.Verify("1700000000", Signature, Encoding.UTF8.GetBytes(Body.Replace("u1", "u2"))));
        Assert.False(new ZoomWebhookVerifier("another_secret", clock: new At(DateTimeOffset.FromUnixTimeSeconds(1700000000))).Verify("1700000000", Signature, body));
        // a replay long after
        var later = new ZoomWebhookVerifier("test_secret_token_123", clock: new At(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddMinutes(6)));
        Assert.False(later.Verify("1700000000", Signature, body));
    }

    [Fact]
    public void AnswersTheUrlValidationChallenge()
    {
        var answer = new ZoomWebhookVerifier("test_secret_token_123").AnswerChallenge("plain_abc123");
        Assert.Equal("fb5ad191cb5feff6e6c3c21512fcf12536cd6d74cccf67e2045f865a8632179d", answer.EncryptedToken);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(answer)).RootElement; // Zoom's member names
        Assert.Equal("plain_abc123", json.GetProperty("plainToken").GetString());
        Assert.Equal(answer.EncryptedToken, json.GetProperty("encryptedToken").GetString());
    }
}
