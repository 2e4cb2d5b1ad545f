namespace Roster.Domain.Sandbox;

/// <summary>A rule as the store keeps it: every node matches the same rules (each counts its own matches and hits).</summary>
public sealed record FaultDefinition(string Id, FaultSpec Spec, DateTimeOffset CreatedAt)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["created_at_ticks"] = CreatedAt.UtcTicks, ["kind"] = Spec.Kind.ToString(),
        ["operation"] = Spec.Operation, ["method"] = Spec.Method, ["path"] = Spec.Path, ["account_id"] = Spec.AccountId, ["user_id"] = Spec.UserId,
        ["status"] = Spec.Status, ["code"] = Spec.Code, ["message"] = Spec.Message, ["retry_after"] = Spec.RetryAfterSeconds, ["delay_ms"] = Spec.DelayMs,
        ["nth"] = Spec.Nth, ["probability"] = Spec.Probability, ["seed"] = Spec.Seed, ["times"] = Spec.Times,
        ["expires_at_ticks"] = Spec.ExpiresAt?.UtcTicks,
    };

    public static FaultDefinition FromJson(JsonNode n) => new(
        n["id"]?.GetValue<string>() ?? throw new FormatException("a fault rule without an id"),
        new FaultSpec(Enum.Parse<FaultKind>(n["kind"]?.GetValue<string>() ?? throw new FormatException("a fault rule without a kind")),
            n["operation"]?.GetValue<string>(), n["method"]?.GetValue<string>(), n["path"]?.GetValue<string>(), n["account_id"]?.GetValue<string>(),
            n["user_id"]?.GetValue<string>(), n["status"]?.GetValue<int>(), n["code"]?.GetValue<int>(), n["message"]?.GetValue<string>(),
            n["retry_after"]?.GetValue<int>(), n["delay_ms"]?.GetValue<int>() ?? 0, n["nth"]?.GetValue<int>() ?? 1, n["probability"]?.GetValue<double>() ?? 1.0,
            n["seed"]?.GetValue<int>(), n["times"]?.GetValue<int>(),
            n["expires_at_ticks"]?.GetValue<long>() is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null),
        new DateTimeOffset(n["created_at_ticks"]?.GetValue<long>() ?? 0, TimeSpan.Zero));

    /// <summary>The stored rules; an entry this build cannot read (another version's) is left out, never fatal.</summary>
    public static List<FaultDefinition> Parse(string? json)
    {
        var rules = new List<FaultDefinition>();
        if (json is null || JsonNode.Parse(json) is not JsonArray list) return rules;
        foreach (var n in list)
            try
            {
                if (n is not null) rules.Add(FromJson(n));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                // skipped
            }
        return rules;
    }

    public static JsonArray ToJson(IEnumerable<FaultDefinition> rules) => new([.. rules.Select(r => (JsonNode?)r.ToJson())]);
}
