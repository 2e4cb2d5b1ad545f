using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Domain.Errors;
using Roster.Domain.Sandbox;

namespace Roster.Domain.Tests;

/// <summary>The sandbox's fault rules, the journal's filters and redaction, as plain rules without HTTP.</summary>
public class SandboxTrafficRulesTests
{
    static CallFacts Call(string method = "GET", string path = "/v2/users", string? op = "users", string? account = "a1", string? user = null, string? caller = "u1")
        => new(method, path, op, account, user, caller);

    static FaultDefinition Rule(string id, FaultSpec spec) => new(id, spec, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ARuleHitsWhenEveryConditionHolds()
    {
        var rules = new FaultRules(new StillClock());
        rules.Use([Rule("r1", new FaultSpec(FaultKind.ServerError, Operation: "user", Method: "GET", Path: "/v2/users/*", AccountId: "a1", UserId: "u1"))]);
        Assert.Null(rules.Match(Call(path: "/v2/users/u1", op: "userUpdate", user: "u1")));           // another operation
        Assert.Null(rules.Match(Call(method: "PATCH", path: "/v2/users/u1", op: "user", user: "u1"))); // another method
        Assert.Null(rules.Match(Call(path: "/v2/users/u1/settings", op: "user", user: "u1")));         // * is one segment
        Assert.Null(rules.Match(Call(path: "/v2/users/u1", op: "user", account: "a2", user: "u1")));   // another account
        Assert.Null(rules.Match(Call(path: "/v2/users/u2", op: "user", user: "u2")));                  // another user
        Assert.NotNull(rules.Match(Call(path: "/v2/users/u1", op: "user", user: "u1")));
        Assert.NotNull(rules.Match(Call(path: "/v2/users/me", op: "user", user: "me")));               // me is the caller
        Assert.NotNull(rules.Match(Call(path: "/v2/users/U1", op: "user", user: "U1")));               // ids and e-mails without case
    }

    [Fact]
    public void NthTimesAndExpiryBoundARule()
    {
        var clock = new StillClock();
        var rules = new FaultRules(clock);
        var first = Rule("r1", new FaultSpec(FaultKind.RateLimit, Path: "/v2/**", Nth: 3, Times: 2));
        rules.Use([first]);
        var hits = Enumerable.Range(0, 6).Select(_ => rules.Match(Call()) is not null).ToList();
        Assert.Equal([false, false, true, true, false, false], hits);
        var info = rules.List().Single(r => r.Id == "r1");
        Assert.Equal(2, info.Hits);
        Assert.True(info.Spent);

        // another rule comes (through the store): the first keeps its counts on this node
        rules.Use([first, Rule("r2", new FaultSpec(FaultKind.ServerError, ExpiresAt: clock.Now.AddSeconds(10)))]);
        Assert.Equal((4L, 2L), rules.List().Single(r => r.Id == "r1") is var kept ? (kept.Matched, kept.Hits) : default);
        Assert.Equal("r2", rules.Match(Call())!.RuleId);
        clock.Now = clock.Now.AddSeconds(10);
        Assert.Null(rules.Match(Call()));
        rules.Use([]);
        Assert.False(rules.Any);

        // as the store keeps them
        var stored = FaultDefinition.ToJson([first]).ToJsonString();
        Assert.Equal(first, FaultDefinition.Parse(stored).Single());
        // what this build cannot read or match (another version's rules) is left out, never fatal to the node
        Assert.Equal(first, FaultDefinition.Parse("[{\"id\":\"x\",\"kind\":\"Teapot\"}," + stored[1..]).Single());
        rules.Use([Rule("bad", new FaultSpec(FaultKind.Drop, Path: "no-slash"))]);
        Assert.False(rules.Any);
    }

    [Fact]
    public void AnswersAreZoomsShapeWithZoomsHeaders()
    {
        var now = new DateTimeOffset(2026, 5, 30, 15, 4, 5, TimeSpan.Zero);
        var qps = FaultRules.ErrorOf(new FaultSpec(FaultKind.RateLimit), now, "Heavy", 40)!;
        Assert.Equal((429, 429), (qps.Status, qps.Code));
        Assert.Equal("QPS", qps.Headers!["X-RateLimit-Type"]);
        Assert.Equal("Heavy", qps.Headers["X-RateLimit-Category"]);
        Assert.Equal("40", qps.Headers["X-RateLimit-Limit"]);
        Assert.False(qps.Headers.ContainsKey("Retry-After"));
        var daily = FaultRules.ErrorOf(new FaultSpec(FaultKind.DailyLimit), now, "Light", 6000)!;
        Assert.Equal("2026-05-31T00:00:00Z", daily.Headers!["Retry-After"]);
        Assert.Equal("9", FaultRules.ErrorOf(new FaultSpec(FaultKind.Unavailable, RetryAfterSeconds: 9), now, "Light", 1)!.Headers!["Retry-After"]);
        Assert.Equal((401, 124), FaultRules.ErrorOf(new FaultSpec(FaultKind.ExpiredToken), now, "Light", 1) is { } e ? (e.Status, e.Code) : default);
        Assert.Equal((418, 7, "brew"), FaultRules.ErrorOf(new FaultSpec(FaultKind.Error, Status: 418, Code: 7, Message: "brew"), now, "Light", 1) is { } t ? (t.Status, t.Code, t.Message) : default);
        Assert.Null(FaultRules.ErrorOf(new FaultSpec(FaultKind.Drop), now, "Light", 1));
        Assert.Equal("path", Assert.Throws<ZoomException>(() => FaultRules.Validate(new FaultSpec(FaultKind.Drop, Path: "no-slash"))).Error.Errors![0].Field);
    }

    [Fact]
    public void RedactionMasksSecretsAndKeepsTheRest()
    {
        var json = Redaction.Json("""
            {"email":"a@b.c","password":"p4ss","user_info":{"password":"deep","first_name":"A"},"access_token":"eyJ","refresh_token":"r",
             "client_secret":"s","token":"zak","next_page_token":"cursor","code":124,"message":"x",
             "link":"https://h/invitations?token=inv123&x=1","other":"https://h/invitations/inv456","list":[{"secret":"in-array"}]}
            """)!;
        foreach (var secret in new[] { "p4ss", "deep", "eyJ", "\"r\"", "\"s\"", "zak", "inv123", "inv456", "in-array" }) Assert.DoesNotContain(secret, json);
        var node = JsonNode.Parse(json)!;
        Assert.Equal("a@b.c", node["email"]!.GetValue<string>());
        Assert.Equal("A", node["user_info"]!["first_name"]!.GetValue<string>());
        Assert.Equal("cursor", node["next_page_token"]!.GetValue<string>()); // a page token is a cursor, not a credential
        Assert.Equal(124, node["code"]!.GetValue<int>());                   // Zoom's error code stays
        Assert.Equal("https://h/invitations?token=***&x=1", node["link"]!.GetValue<string>());
        Assert.Null(Redaction.Json("{\"password\": \"cut"));                 // not JSON: nothing of it is kept
        // a name spelt with escapes is still a secret's name; a value that may hold a link is read as text, others as bytes
        var escaped = Redaction.Json("{\"pass\\u0077ord\":\"hidden\",\"n\\u0061me\":\"caf\\u00e9 <b>\",\"url\":\"https://h/x?access_token=t1&y=2\"}")!;
        Assert.DoesNotContain("hidden", escaped);
        Assert.DoesNotContain("t1", escaped);
        var parsed = JsonNode.Parse(escaped)!;
        Assert.Equal("café <b>", parsed["name"]!.GetValue<string>());
        Assert.Equal("***", parsed["password"]!.GetValue<string>());
        Assert.Equal("https://h/x?access_token=***&y=2", parsed["url"]!.GetValue<string>());
        Assert.Equal("\uFFFD(", JsonNode.Parse(Redaction.Json([(byte)'"', 0xC3, 0x28, (byte)'"'])!)!.GetValue<string>()); // not UTF-8: kept as replaced
        // kept to a length: cut at that many characters and marked, the rest never decoded
        Assert.Equal("{\"a\":\"a" + Redaction.CutMark, Redaction.Json("{\"a\":\"abcdef\"}"u8, 7));
        Assert.Equal("{\"a\":\"abcdef\"}", Redaction.Json("{\"a\":\"abcdef\"}"u8, 14));
        Assert.Equal("{\"a\":1}", Redaction.Json(" { \"a\" : 1 } "u8, 7));

        Assert.Equal("grant_type=authorization_code&code=***&redirect_uri=https%3A%2F%2Fa", Redaction.Form("grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fa"));
        Assert.Equal("client_secret=***&refresh_token=***&__csrf=***", Redaction.Form("client_secret=x&refresh_token=y&__csrf=z"));
        Assert.Equal("/invitations/***", Redaction.Path("/invitations/abcdef"));
    }

    [Fact]
    public void TheJournalFiltersCountsAndForgetsTheOldest()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var journal = new RequestJournal(capacity: 3, maxBodyChars: 100);
        JournalEntry Entry(string op, int status, string? body, int minute)
            => new(0, at.AddMinutes(minute), "POST", "/v2/users", null, op, "a1", null, status, null, 1, body, null, null, null);
        journal.Add(Entry("userCreate", 201, """{"user_info":{"email":"x@y.z","type":1}}""", 0));
        journal.Add(Entry("userCreate", 201, """{"user_info":{"email":"q@y.z","type":2}}""", 1));
        journal.Add(Entry("userCreate", 409, """{"user_info":{"email":"x@y.z","type":1}}""", 2));
        journal.Add(Entry("users", 200, null, 3));
        Assert.Equal(3, journal.Count(new JournalFilter())); // the first is gone
        Assert.Equal(1, journal.Count(new JournalFilter(Body: JsonNode.Parse("""{"user_info":{"email":"x@y.z"}}"""))));
        Assert.Equal(0, journal.Count(new JournalFilter(Body: JsonNode.Parse("""{"user_info":{"email":"x@y.z","type":2}}"""))));
        Assert.Equal(2, journal.Count(new JournalFilter(Operation: "userCreate", Since: at.AddMinutes(1))));
        Assert.Equal(1, journal.Count(new JournalFilter(Status: 409)));
        Assert.Equal([3L, 4L], journal.Find(new JournalFilter(After: 2), 10).Select(e => e.Id));
        Assert.Single(journal.Find(new JournalFilter(), 1));
        Assert.True(RequestJournal.Contains(JsonNode.Parse("""{"a":[1,2],"b":1}"""), JsonNode.Parse("""{"a":[1,2]}""")));
        Assert.False(RequestJournal.Contains(JsonNode.Parse("""{"a":[1,2,3]}"""), JsonNode.Parse("""{"a":[1,2]}"""))); // arrays whole
        journal.Clear();
        Assert.Equal(0, journal.Count(new JournalFilter()));
    }

    [Fact]
    public void TheRingKeepsExactlyTheLastEntriesThroughWrapsAndGrowth()
    {
        // sizes from empty to many times the first buffer, so entries wrap at the end, skip it, and make the buffer grow
        var random = new Random(7);
        var ring = new JournalRing(capacity: 7, initialBytes: 64);
        var expected = new Queue<byte[]>();
        for (var i = 0; i < 3_000; i++)
        {
            var entry = new byte[random.Next(4) == 0 ? random.Next(0, 600) : random.Next(0, 40)];
            random.NextBytes(entry);
            ring.Add(entry);
            expected.Enqueue(entry);
            if (expected.Count > 7) expected.Dequeue();
            Assert.Equal(expected.Count, ring.Count);
            Assert.Equal(expected.ToArray(), ring.Entries().Select(m => m.ToArray()).ToArray());
        }
        // the buffer is reused: it holds at most twice what the last 7 can need (7 of 599 bytes), plus the skipped end
        Assert.InRange(ring.Bytes, 64, 4 * 7 * 600);
        ring.Clear();
        Assert.Equal(0, ring.Count);
        Assert.Empty(ring.Entries());
        Assert.Equal(64, ring.Bytes); // back to the first size
        ring.Add([1, 2, 3]);
        Assert.Equal([1, 2, 3], ring.Entries().Single().ToArray());
    }

    [Fact]
    public void AtItsLargestSizeTheRingDropsTheOldestForRoom()
    {
        var ring = new JournalRing(capacity: 100, initialBytes: 64, maxBytes: 1_000);
        for (var i = 0; i < 50; i++) ring.Add(Enumerable.Repeat((byte)i, 300).ToArray());
        Assert.Equal(1_000, ring.Bytes);
        // as many of the newest as fit in 1,000 bytes (a wrap can leave the end unused), in order
        var kept = ring.Entries().Select(m => m.Span[0]).ToArray();
        Assert.InRange(kept.Length, 2, 3);
        Assert.Equal(Enumerable.Range(50 - kept.Length, kept.Length).Select(i => (byte)i), kept);
        Assert.Throws<ArgumentException>(() => ring.Add(new byte[1_001]));
    }

    [Fact]
    public void AnEntryReadsBackAsItWasWritten()
    {
        JournalEntry[] entries =
        [
            new(0, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromMinutes(-330)).AddTicks(12345), "PATCH", "/v2/users/é", "a=1&b=***", "userUpdate",
                "acct", "user", 204, 1001, 12.625, "{\"first_name\":\"Zoë 😀\"}", "", "drop-1", "0123abcd"),
            new(0, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "GET", "/", null, null, null, null, 0, null, 0, null, null, null, null),
        ];
        foreach (var entry in entries)
        {
            var bytes = new byte[JournalEntryBytes.Size(entry)];
            JournalEntryBytes.Write(entry, 42, bytes);
            var read = JournalEntryBytes.Read(bytes);
            Assert.Equal(entry with { Id = 42 }, read);
            Assert.Equal(entry.At.Offset, read.At.Offset);
        }
        // the journal gives ids in order of arrival and reads entries back whole
        var journal = new RequestJournal(capacity: 2, maxBodyChars: 100);
        Assert.Equal(1, journal.Add(entries[0]));
        Assert.Equal(2, journal.Add(entries[1]));
        Assert.Equal(3, journal.Add(entries[0]));
        Assert.Equal([entries[1] with { Id = 2 }, entries[0] with { Id = 3 }], journal.Find(new JournalFilter(), 10));
    }
}

/// <summary>Seed files as read: YAML's plain scalars typed, quoted ones kept as text, each node's line known.</summary>
public class SeedDocumentTests
{
    [Fact]
    public void ScalarsAreTypedAndLinesAreKept()
    {
        var doc = SeedDocument.Parse("""
            version: 1
            users:
              - email: "a@b.c"
                type: 2
                pmi: "0123"
                ok: true
                none: ~
            """);
        var user = doc.Root!["users"]![0]!.AsObject();
        Assert.Equal(JsonValueKind.Number, user["type"]!.GetValueKind());
        Assert.Equal("0123", user["pmi"]!.GetValue<string>()); // quoted: text, not 123
        Assert.True(user["ok"]!.GetValue<bool>());
        Assert.Null(user["none"]);
        Assert.Equal(3, doc.LineOf(user));
        Assert.Equal(4, doc.LineOf(user["type"]));
        Assert.Equal(7, doc.LineOf(user, "none"));
        Assert.Equal(1, doc.LineOf(doc.Root!["version"]));
        // JSON is YAML too
        Assert.Equal("x@y.z", SeedDocument.Parse("""{"users":[{"email":"x@y.z"}]}""").Root!["users"]![0]!["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", 2)]          // a key twice
    [InlineData("users: [\n  {a: 1\n", 3)]    // not closed
    [InlineData("--- 1\n--- 2\n", 2)]         // two documents
    public void WhatCannotBeReadIsRefusedWithItsLine(string text, int line)
    {
        var refused = Assert.Throws<ZoomException>(() => SeedDocument.Parse(text));
        Assert.Equal((400, 300), (refused.Error.Status, refused.Error.Code));
        Assert.StartsWith($"line {line}: ", refused.Error.Errors![0].Message);
    }
}
