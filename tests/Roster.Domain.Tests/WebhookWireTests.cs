using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Roster.Domain.Webhooks;

namespace Roster.Domain.Tests;

/// <summary>
/// The bytes of a webhook: written as JavaScript writes JSON (what Zoom's receiver re-serialises and checks), signed
/// as Zoom signs (reference §13.3–13.4 test vectors).
/// </summary>
public class WebhookWireTests
{
    [Fact]
    public void SignaturesAndChallengeAnswersMatchTheReferenceVectors()
    {
        const string body = """{"event":"user.created","event_ts":1700000000123,"payload":{"account_id":"acc1","operator":"admin@example.com","operator_id":"op1","creation_type":"create","object":{"id":"u1","email":"a@example.com","type":1}}}""";
        // the body as Roster writes it is the same bytes
        Assert.Equal(body, CanonicalJson.ToText(JsonNode.Parse(body)));
        var signature = WebhookSignature.Sign("test_secret_token_123", 1700000000, Encoding.UTF8.GetBytes(body));
        Assert.Equal("v0=4386a1a1233a8f33a0a68595be5f525f35ae7dc04037a73e1c57c9580621a7d6", signature);
        Assert.Equal("fb5ad191cb5feff6e6c3c21512fcf12536cd6d74cccf67e2045f865a8632179d", WebhookSignature.AnswerChallenge("test_secret_token_123", "plain_abc123"));

        var at = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.True(WebhookSignature.Verify("test_secret_token_123", "1700000000", signature, bytes, at.AddSeconds(60), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("test_secret_token_123", "1700000000", signature, bytes, at.AddMinutes(6), TimeSpan.FromMinutes(5))); // stale
        Assert.False(WebhookSignature.Verify("other_secret", "1700000000", signature, bytes, at, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("test_secret_token_123", "1700000001", signature, bytes, at, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("test_secret_token_123", "17e8", signature, bytes, at, TimeSpan.FromMinutes(5)));
        bytes[^2] ^= 1;
        Assert.False(WebhookSignature.Verify("test_secret_token_123", "1700000000", signature, bytes, at, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-0.0, "0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789012345678.0, "123456789012345680")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1700000000123.0, "1700000000123")]
    public void NumbersAreWrittenAsJavaScriptWritesThem(double value, string expected) => Assert.Equal(expected, CanonicalJson.Number(value));

    [Fact]
    public void StringsAndKeysAreWrittenAsJavaScriptWritesThem()
    {
        var node = new JsonObject
        {
            ["name"] = "Zoë O'Brien <ops> & co + 😀",
            ["controls"] = "\u0000\u0001\u001f\b\f\n\r\t\"\\/\u007f\u2028",
            ["lone"] = "a\ud800b",
            ["10"] = 1, ["2"] = 2, ["02"] = 3,
        };
        const string expected = "{\"2\":2,\"10\":1,\"name\":\"Zoë O'Brien <ops> & co + 😀\",\"controls\":\"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028\",\"lone\":\"a\\ud800b\",\"02\":3}";
        Assert.Equal(expected,
            CanonicalJson.ToText(node));
    }

    /// <summary>The check that matters: Node.js itself (as Rivet runs it) writes the same text for the same values.</summary>
    [SkippableFact]
    public async Task NodeJsWritesTheSameBytes()
    {
        var node = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        if (node is null && Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("node is required under CI (Debian's nodejs)");
        Skip.If(node is null, "node is not installed (apt-get install nodejs)");
        var values = new JsonObject
        {
            ["event"] = "user.updated", ["event_ts"] = 1700000000123L,
            ["payload"] = new JsonObject
            {
                ["account_id"] = "acc1", ["operator"] = "zoë@example.com",
                ["object"] = new JsonObject
                {
                    ["first_name"] = "Zoë", ["last_name"] = "O'Brien <ops> & co", ["dept"] = "R&D + 😀 \u2028\u2029 \u007f",
                    ["controls"] = "\u0000\u0007\u001b\u001f\b\f\n\r\t\"\\", ["lone"] = "x\udc00y", ["pmi"] = 9876543210L,
                    ["big"] = 12345678901234567890.0, ["small"] = 1.5e-7, ["huge"] = 1e21, ["half"] = 0.5, ["7"] = true, ["0"] = null, ["b"] = false,
                },
            },
        };
        // Rivet's check: the body must come back byte for byte from JSON.stringify(JSON.parse(body))
        var ours = CanonicalJson.Serialize(values);
        var info = new ProcessStartInfo(node!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add("let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',d=>s+=d);process.stdin.on('end',()=>process.stdout.write(Buffer.from(JSON.stringify(JSON.parse(s)),'utf8')));");
        using var process = Process.Start(info)!;
        await process.StandardInput.BaseStream.WriteAsync(ours);
        process.StandardInput.Close();
        var fromNode = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(Encoding.UTF8.GetString(ours), fromNode);
        Assert.Equal(ours, Encoding.UTF8.GetBytes(fromNode));
        // and what .NET writes by default would fail it (the reason for this writer)
        Assert.NotEqual(values.ToJsonString(), fromNode);
    }
}
