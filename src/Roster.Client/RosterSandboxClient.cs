
namespace Roster.Client;

/// <summary>A saved copy of a Roster store's whole state.</summary>
public sealed class Snapshot
{
    /// <summary>Name (<c>bootstrap</c> is the reset point taken at the first start).</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>When it was saved (on the store's clock).</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Users in it.</summary>
    [JsonPropertyName("users")] public long Users { get; set; }
    /// <summary>False when it was saved by another schema version.</summary>
    [JsonPropertyName("restorable")] public bool Restorable { get; set; }
}

/// <summary>What a reset or restore went back to.</summary>
public sealed class SandboxRestore
{
    /// <summary>The snapshot restored.</summary>
    [JsonPropertyName("snapshot")] public Snapshot Snapshot { get; set; } = new();
    /// <summary>The store's generation after it.</summary>
    [JsonPropertyName("generation")] public long Generation { get; set; }
}

/// <summary>The store's clock.</summary>
public sealed class SandboxClock
{
    /// <summary>The store's time.</summary>
    [JsonPropertyName("now")] public DateTimeOffset Now { get; set; }
    /// <summary>Whether it stands still.</summary>
    [JsonPropertyName("frozen")] public bool Frozen { get; set; }
    /// <summary>Whether it is real time.</summary>
    [JsonPropertyName("real_time")] public bool RealTime { get; set; }
    /// <summary>How far it stands from real time, in seconds.</summary>
    [JsonPropertyName("offset_seconds")] public double OffsetSeconds { get; set; }
}

/// <summary>An isolated account made for one test, with the credentials of its Server-to-Server app.</summary>
public sealed class TestAccount
{
    /// <summary>Account id (the Server-to-Server <c>account_id</c>).</summary>
    [JsonPropertyName("account_id")] public string AccountId { get; set; } = "";
    /// <summary>Its name.</summary>
    [JsonPropertyName("account_name")] public string AccountName { get; set; } = "";
    /// <summary>Its owner's e-mail.</summary>
    [JsonPropertyName("owner_email")] public string OwnerEmail { get; set; } = "";
    /// <summary>The app's client id.</summary>
    [JsonPropertyName("client_id")] public string ClientId { get; set; } = "";
    /// <summary>The app's client secret (shown once).</summary>
    [JsonPropertyName("client_secret")] public string ClientSecret { get; set; } = "";
}

/// <summary>The faults a rule can answer with (<see cref="SandboxFault.Fault"/>).</summary>
public static class FaultKinds
{
    /// <summary>Any status and code (<see cref="SandboxFault.Status"/>, <see cref="SandboxFault.Code"/>).</summary>
    public const string Error = "error";
    /// <summary>Zoom's per-second 429 with its rate-limit headers.</summary>
    public const string RateLimit = "rate_limit";
    /// <summary>Zoom's daily 429 (<c>Retry-After</c> at the next 00:00 UTC).</summary>
    public const string DailyLimit = "daily_limit";
    /// <summary>500.</summary>
    public const string ServerError = "server_error";
    /// <summary>503 with <c>Retry-After</c> (<see cref="SandboxFault.RetryAfter"/> seconds).</summary>
    public const string Unavailable = "unavailable";
    /// <summary>401, code 124, "Access token is expired.".</summary>
    public const string ExpiredToken = "expired_token";
    /// <summary>Only latency (<see cref="SandboxFault.DelayMs"/>), then the call runs.</summary>
    public const string Delay = "delay";
    /// <summary>The connection is closed without an answer.</summary>
    public const string Drop = "drop";
}

/// <summary>
/// A fault rule: which calls it matches (every condition set must hold), what it answers, and when it stops. Set the
/// rule's fields and pass it to <see cref="RosterSandboxClient.AddFaultAsync"/>; the rule returned carries its id and counts.
/// </summary>
public sealed class SandboxFault
{
    /// <summary>One of <see cref="FaultKinds"/>.</summary>
    [JsonPropertyName("fault")] public string Fault { get; set; } = FaultKinds.ServerError;
    /// <summary>Zoom's operation id, e.g. <c>userCreate</c>.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; set; }
    /// <summary>HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }
    /// <summary>Path pattern: <c>*</c> within one segment, <c>**</c> anything (e.g. <c>/v2/users/*/settings</c>).</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }
    /// <summary>The caller's account.</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    /// <summary>The user named in the path (id or e-mail; <c>me</c> counts as the caller).</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    /// <summary>Status of an <see cref="FaultKinds.Error"/> (400–599).</summary>
    [JsonPropertyName("status")] public int? Status { get; set; }
    /// <summary>Zoom code of an <see cref="FaultKinds.Error"/>.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }
    /// <summary>Message instead of Zoom's.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>Seconds for <c>Retry-After</c> (unavailable, error).</summary>
    [JsonPropertyName("retry_after")] public int? RetryAfter { get; set; }
    /// <summary>Latency to add, in milliseconds.</summary>
    [JsonPropertyName("delay_ms")] public int? DelayMs { get; set; }
    /// <summary>Hit from the n-th matching call on (1: the first).</summary>
    [JsonPropertyName("nth")] public int? Nth { get; set; }
    /// <summary>Chance that a matching call is hit (0 to 1).</summary>
    [JsonPropertyName("probability")] public double? Probability { get; set; }
    /// <summary>Seed for <see cref="Probability"/>: the same seed hits the same calls.</summary>
    [JsonPropertyName("seed")] public int? Seed { get; set; }
    /// <summary>Hits before the rule is spent.</summary>
    [JsonPropertyName("times")] public int? Times { get; set; }
    /// <summary>Seconds (on the store's clock) before the rule is spent.</summary>
    [JsonPropertyName("ttl_seconds")] public double? TtlSeconds { get; set; }

    /// <summary>Set by the server: the rule's id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>Set by the server: when it ends, if it has a ttl.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Set by the server: calls it matched.</summary>
    [JsonPropertyName("matched")] public long? Matched { get; set; }
    /// <summary>Set by the server: calls it answered.</summary>
    [JsonPropertyName("hits")] public long? Hits { get; set; }
    /// <summary>Set by the server: no more hits (times reached or expired).</summary>
    [JsonPropertyName("spent")] public bool? Spent { get; set; }
}

/// <summary>One request and its answer as the server's journal keeps it (secrets masked as <c>***</c>).</summary>
public sealed class JournalEntry
{
    /// <summary>Position in the journal (a cursor for <see cref="JournalQuery.After"/>).</summary>
    [JsonPropertyName("id")] public long Id { get; set; }
    /// <summary>When it arrived, on the store's clock.</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary>HTTP method.</summary>
    [JsonPropertyName("method")] public string Method { get; set; } = "";
    /// <summary>Path.</summary>
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    /// <summary>Query string without its <c>?</c>.</summary>
    [JsonPropertyName("query")] public string? Query { get; set; }
    /// <summary>Zoom's operation id.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; set; }
    /// <summary>The caller's account.</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    /// <summary>The user named in the path.</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    /// <summary>Status answered (0: the connection was dropped).</summary>
    [JsonPropertyName("status")] public int Status { get; set; }
    /// <summary>Zoom's error code, for errors.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }
    /// <summary>Time to answer, in milliseconds.</summary>
    [JsonPropertyName("duration_ms")] public double DurationMs { get; set; }
    /// <summary>The request body: JSON, or a text (a form, or the size of anything else).</summary>
    [JsonPropertyName("request_body")] public JsonElement? RequestBody { get; set; }
    /// <summary>The response body, as <see cref="RequestBody"/>.</summary>
    [JsonPropertyName("response_body")] public JsonElement? ResponseBody { get; set; }
    /// <summary>The fault rule that answered, if one did.</summary>
    [JsonPropertyName("fault")] public string? Fault { get; set; }
    /// <summary>Zoom's <c>x-zm-trackingid</c> of the answer.</summary>
    [JsonPropertyName("tracking_id")] public string? TrackingId { get; set; }
}

/// <summary>Which journal entries to find or count: each condition set must hold.</summary>
public sealed class JournalQuery
{
    /// <summary>Zoom's operation id.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; set; }
    /// <summary>HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }
    /// <summary>Path pattern (<c>*</c>, <c>**</c>).</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }
    /// <summary>Status answered.</summary>
    [JsonPropertyName("status")] public int? Status { get; set; }
    /// <summary>Zoom error code answered.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }
    /// <summary>The caller's account.</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    /// <summary>The user named in the path.</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    /// <summary>At or after this time (store clock).</summary>
    [JsonPropertyName("since")] public DateTimeOffset? Since { get; set; }
    /// <summary>At or before this time (store clock).</summary>
    [JsonPropertyName("until")] public DateTimeOffset? Until { get; set; }
    /// <summary>After this entry id.</summary>
    [JsonPropertyName("after")] public long? After { get; set; }
    /// <summary>Only calls a fault answered (true) or none did (false).</summary>
    [JsonPropertyName("faulted")] public bool? Faulted { get; set; }
    /// <summary>For verification: members the JSON request body must hold with equal values.</summary>
    [JsonPropertyName("body")] public JsonElement? Body { get; set; }
}

/// <summary>A page of the journal, oldest first.</summary>
public sealed class JournalPage
{
    /// <summary>The entries.</summary>
    [JsonPropertyName("entries")] public List<JournalEntry> Entries { get; set; } = [];
    /// <summary>Cursor for the next page (<see cref="JournalQuery.After"/>); null on the last.</summary>
    [JsonPropertyName("next_after")] public long? NextAfter { get; set; }
}

/// <summary>What a verification counted.</summary>
public sealed class JournalVerification
{
    /// <summary>Whether the count is what was expected.</summary>
    [JsonPropertyName("ok")] public bool Ok { get; set; }
    /// <summary>Matching calls.</summary>
    [JsonPropertyName("count")] public int Count { get; set; }
    /// <summary>What was expected, in words.</summary>
    [JsonPropertyName("expected")] public string Expected { get; set; } = "";
}

/// <summary>What a seed file added.</summary>
public sealed class SeedLoaded
{
    /// <summary>Sub accounts made.</summary>
    [JsonPropertyName("sub_accounts")] public int SubAccounts { get; set; }
    /// <summary>Users made.</summary>
    [JsonPropertyName("users")] public int Users { get; set; }
    /// <summary>Apps made.</summary>
    [JsonPropertyName("apps")] public int Apps { get; set; }
}

internal sealed class FaultList
{
    [JsonPropertyName("faults")] public List<SandboxFault> Faults { get; set; } = [];
}

internal sealed class SnapshotList
{
    [JsonPropertyName("snapshots")] public List<Snapshot> Snapshots { get; set; } = [];
}

[JsonSerializable(typeof(Snapshot))]
[JsonSerializable(typeof(SnapshotList))]
[JsonSerializable(typeof(SandboxRestore))]
[JsonSerializable(typeof(SandboxClock))]
[JsonSerializable(typeof(TestAccount))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(SandboxFault))]
[JsonSerializable(typeof(FaultList))]
[JsonSerializable(typeof(JournalPage))]
[JsonSerializable(typeof(JournalQuery))]
[JsonSerializable(typeof(JournalVerification))]
[JsonSerializable(typeof(SeedLoaded))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>
/// The sandbox controls of a Roster server (<c>/roster/v1/sandbox</c>): reset, snapshots, test accounts, the virtual
/// clock, fault rules and the request journal. It
/// authenticates with the sandbox admin key (<c>sandbox_admin_key</c> in the server's credentials file, or the
/// server's <c>ROSTER_ADMIN_KEY</c>), not with a Zoom token. Zoom itself has no sandbox: this client speaks to Roster only.
/// </summary>
public sealed class RosterSandboxClient : IDisposable
{
    readonly HttpClient _http;
    readonly bool _owned;
    readonly string _key;
    readonly Uri _root;

    /// <param name="baseUrl">The server, as <c>http://localhost:5080</c> or its API base <c>http://localhost:5080/v2</c>.</param>
    /// <param name="adminKey">The sandbox admin key.</param>
    /// <param name="httpClient">An HTTP client to send with (its lifetime stays the caller's); a new one when null.</param>
    public RosterSandboxClient(Uri baseUrl, string adminKey, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(adminKey);
        _root = new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/roster/v1/sandbox/");
        _key = adminKey;
        _owned = httpClient is null;
        _http = httpClient ?? new HttpClient();
    }

    Task<T?> Send<T>(HttpMethod method, string path, Dictionary<string, JsonElement>? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? result, CancellationToken ct)
        => SendJson(method, path, body is null ? null : JsonSerializer.Serialize(body, SandboxJsonContext.Default.DictionaryStringJsonElement), result, ct);

    async Task<T?> SendJson<T>(HttpMethod method, string path, string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? result, CancellationToken ct,
        string mediaType = "application/json")
    {
        var text = await SendText(method, path, json, mediaType, ct);
        return result is null || text.Length == 0 ? default : JsonSerializer.Deserialize(text, result);
    }

    /// <summary>Sends with the admin key; the answer's text, or Zoom's error as <see cref="ZoomApiException"/>.</summary>
    async Task<string> SendText(HttpMethod method, string path, string? body, string mediaType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? text : throw ZoomTransport.Parse(response, text);
    }

    static Dictionary<string, JsonElement> Body(params (string Name, object? Value)[] fields)
        => fields.Where(f => f.Value is not null).ToDictionary(f => f.Name, f => f.Value switch
        {
            bool b => JsonSerializer.SerializeToElement(b, SandboxJsonContext.Default.Boolean),
            double d => JsonSerializer.SerializeToElement(d, SandboxJsonContext.Default.Double),
            string s => JsonSerializer.SerializeToElement(s, SandboxJsonContext.Default.String),
            _ => throw new ArgumentException("unsupported field type"),
        });

    /// <summary>Back to the state of the first start (credentials in hand keep working).</summary>
    public async Task<SandboxRestore> ResetAsync(CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Post, "reset", null, SandboxJsonContext.Default.SandboxRestore, cancellationToken))!;

    /// <summary>The saved snapshots, oldest first.</summary>
    public async Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Get, "snapshots", null, SandboxJsonContext.Default.SnapshotList, cancellationToken))!.Snapshots;

    /// <summary>Saves the whole state under <paramref name="name"/> (lower case letters, digits, <c>-</c>, <c>_</c>), replacing an older one.</summary>
    public async Task<Snapshot> SaveSnapshotAsync(string name, CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Put, $"snapshots/{Uri.EscapeDataString(name)}", null, SandboxJsonContext.Default.Snapshot, cancellationToken))!;

    /// <summary>Replaces the whole state with the snapshot, atomically.</summary>
    public async Task<SandboxRestore> RestoreSnapshotAsync(string name, CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Post, $"snapshots/{Uri.EscapeDataString(name)}/restore", null, SandboxJsonContext.Default.SandboxRestore, cancellationToken))!;

    /// <summary>Deletes a snapshot.</summary>
    public Task DeleteSnapshotAsync(string name, CancellationToken cancellationToken = default)
        => Send<object>(HttpMethod.Delete, $"snapshots/{Uri.EscapeDataString(name)}", null, null, cancellationToken);

    /// <summary>Makes an isolated account with its own Server-to-Server app, so parallel tests never share state.</summary>
    public async Task<TestAccount> CreateAccountAsync(string? name = null, CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Post, "accounts", Body(("name", name)), SandboxJsonContext.Default.TestAccount, cancellationToken))!;

    /// <summary>Removes an account made by <see cref="CreateAccountAsync"/> and everything of it.</summary>
    public Task DeleteAccountAsync(string accountId, CancellationToken cancellationToken = default)
        => Send<object>(HttpMethod.Delete, $"accounts/{Uri.EscapeDataString(accountId)}", null, null, cancellationToken);

    /// <summary>
    /// Acts out a user signing in to a Zoom client (<c>mac</c>, <c>win</c>, <c>iphone</c>, <c>android</c>, <c>ipad</c>,
    /// <c>chromeos</c>, <c>linux</c>, or <c>browser</c> without a version): sets <c>last_login_time</c> and
    /// <c>last_client_version</c> (and an SSO user's <c>employee_unique_id</c>) and sends <c>user.signed_in</c>.
    /// </summary>
    public Task SignInAsync(string userId, string clientType, string? version = null, string? employeeUniqueId = null, CancellationToken cancellationToken = default)
        => Send<object>(HttpMethod.Post, $"users/{Uri.EscapeDataString(userId)}/sign_in",
            Body(("client_type", clientType), ("version", version), ("employee_unique_id", employeeUniqueId)), null, cancellationToken);

    /// <summary>Acts out a user signing out of a Zoom client: sends <c>user.signed_out</c>.</summary>
    public Task SignOutAsync(string userId, string clientType, string? version = null, CancellationToken cancellationToken = default)
        => Send<object>(HttpMethod.Post, $"users/{Uri.EscapeDataString(userId)}/sign_out", Body(("client_type", clientType), ("version", version)), null, cancellationToken);

    /// <summary>The store's clock.</summary>
    public async Task<SandboxClock> GetClockAsync(CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Get, "clock", null, SandboxJsonContext.Default.SandboxClock, cancellationToken))!;

    /// <summary>Sets the store's time (when <paramref name="now"/> is given) and whether it stands still (when <paramref name="frozen"/> is given).</summary>
    public async Task<SandboxClock> SetClockAsync(DateTimeOffset? now = null, bool? frozen = null, CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Put, "clock", Body(("now", now?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), ("frozen", frozen)),
            SandboxJsonContext.Default.SandboxClock, cancellationToken))!;

    /// <summary>Moves the store's time forward.</summary>
    public async Task<SandboxClock> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Post, "clock/advance", Body(("seconds", by.TotalSeconds)), SandboxJsonContext.Default.SandboxClock, cancellationToken))!;

    /// <summary>Back to real time.</summary>
    public async Task<SandboxClock> UseRealTimeAsync(CancellationToken cancellationToken = default)
        => (await Send(HttpMethod.Delete, "clock", null, SandboxJsonContext.Default.SandboxClock, cancellationToken))!;

    /// <summary>
    /// Loads a seed file (YAML, or JSON) into the store, whole or not at all; a refused file throws
    /// <see cref="ZoomApiException"/> whose errors name each problem's line.
    /// </summary>
    public async Task<SeedLoaded> LoadSeedAsync(string seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var json = seed.TrimStart().StartsWith('{');
        return (await SendJson(HttpMethod.Post, "seed", seed, SandboxJsonContext.Default.SeedLoaded, cancellationToken, json ? "application/json" : "application/yaml"))!;
    }

    /// <summary>The store (primary account and sub accounts) as a seed file in JSON: loading it into a fresh store gives the same state.</summary>
    public Task<string> ExportSeedAsync(CancellationToken cancellationToken = default)
        => SendText(HttpMethod.Get, "seed", null, "application/json", cancellationToken);

    /// <summary>Adds a fault rule; it is matched after the rules added before it. Returns it with its id.</summary>
    public async Task<SandboxFault> AddFaultAsync(SandboxFault rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (await SendJson(HttpMethod.Post, "faults", JsonSerializer.Serialize(rule, SandboxJsonContext.Default.SandboxFault), SandboxJsonContext.Default.SandboxFault, cancellationToken))!;
    }

    /// <summary>The fault rules, with how often each matched and hit.</summary>
    public async Task<IReadOnlyList<SandboxFault>> ListFaultsAsync(CancellationToken cancellationToken = default)
        => (await SendJson(HttpMethod.Get, "faults", null, SandboxJsonContext.Default.FaultList, cancellationToken))!.Faults;

    /// <summary>Deletes one fault rule.</summary>
    public Task DeleteFaultAsync(string id, CancellationToken cancellationToken = default)
        => SendJson<object>(HttpMethod.Delete, $"faults/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    /// <summary>Deletes every fault rule.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default)
        => SendJson<object>(HttpMethod.Delete, "faults", null, null, cancellationToken);

    static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Journal entries matching <paramref name="query"/> (its <see cref="JournalQuery.Body"/> aside), oldest first.</summary>
    public async Task<JournalPage> GetJournalAsync(JournalQuery? query = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var q = query ?? new JournalQuery();
        var fields = new List<string> { $"page_size={pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
        void Add(string name, object? value)
        {
            if (value is null) return;
            var text = value switch
            {
                DateTimeOffset t => Time(t),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            };
            fields.Add($"{name}={Uri.EscapeDataString(text)}");
        }
        Add("operation", q.Operation); Add("method", q.Method); Add("path", q.Path); Add("status", q.Status); Add("code", q.Code);
        Add("account_id", q.AccountId); Add("user_id", q.UserId); Add("since", q.Since); Add("until", q.Until); Add("after", q.After); Add("faulted", q.Faulted);
        return (await SendJson(HttpMethod.Get, "journal?" + string.Join('&', fields), null, SandboxJsonContext.Default.JournalPage, cancellationToken))!;
    }

    /// <summary>Empties the journal.</summary>
    public Task ClearJournalAsync(CancellationToken cancellationToken = default)
        => SendJson<object>(HttpMethod.Delete, "journal", null, null, cancellationToken);

    /// <summary>
    /// Counts the calls matching <paramref name="query"/> and says whether the count is as expected: exactly
    /// <paramref name="count"/>, or between <paramref name="atLeast"/> and <paramref name="atMost"/> (none given: at least one).
    /// </summary>
    public async Task<JournalVerification> VerifyAsync(JournalQuery query, int? count = null, int? atLeast = null, int? atMost = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = JsonSerializer.SerializeToNode(query, SandboxJsonContext.Default.JournalQuery)!.AsObject();
        if (count is not null) body["count"] = count;
        if (atLeast is not null) body["at_least"] = atLeast;
        if (atMost is not null) body["at_most"] = atMost;
        return (await SendJson(HttpMethod.Post, "journal/verify", body.ToJsonString(),
            SandboxJsonContext.Default.JournalVerification, cancellationToken))!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned) _http.Dispose();
    }
}
