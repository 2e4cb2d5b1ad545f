namespace Roster.Domain.Sandbox;

/// <summary>Where the store's clock stands against real time: shifted by <see cref="Offset"/>, or frozen at <see cref="FrozenAt"/>.</summary>
public sealed record ClockSetting(TimeSpan Offset, DateTimeOffset? FrozenAt)
{
    public static readonly ClockSetting RealTime = new(TimeSpan.Zero, null);
    public bool IsRealTime => Offset == TimeSpan.Zero && FrozenAt is null;

    public DateTimeOffset Now(DateTimeOffset real) => FrozenAt ?? real + Offset;

    public JsonObject ToJson() => new()
    {
        ["offset_ticks"] = Offset.Ticks,
        ["frozen_at_ticks"] = FrozenAt is { } f ? f.UtcTicks : null,
    };

    public static ClockSetting FromJson(JsonNode? node)
    {
        if (node is null) return RealTime;
        var offset = TimeSpan.FromTicks(node["offset_ticks"]?.GetValue<long>() ?? 0);
        var frozen = node["frozen_at_ticks"]?.GetValue<long>() is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        return new ClockSetting(offset, frozen);
    }
}
