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
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>
/// The sandbox controls of a Roster server (<c>/roster/v1/sandbox</c>): reset, snapshots and the virtual clock. It
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

    async Task<T?> Send<T>(HttpMethod method, string path, object? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? result, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        if (body is Dictionary<string, JsonElement> fields)
            request.Content = new StringContent(JsonSerializer.Serialize(fields, SandboxJsonContext.Default.DictionaryStringJsonElement), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw ZoomTransport.Parse(response, text);
        return result is null || text.Length == 0 ? default : JsonSerializer.Deserialize(text, result);
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

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned) _http.Dispose();
    }
}
