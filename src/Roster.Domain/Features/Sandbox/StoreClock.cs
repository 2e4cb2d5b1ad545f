using System.Globalization;
using Roster.Domain.Abstractions;
using Roster.Domain.Events;

namespace Roster.Domain.Sandbox;

/// <summary>
/// The one clock of the store (the <see cref="TimeProvider"/> everything is given): real time, unless the sandbox
/// moved or froze it. The setting lives in the store (<c>meta.sandbox_clock</c>), so every node keeps the same time:
/// a change is an event (<see cref="EventTypes.ClockChanged"/>) each node's follower applies, and a replaced state
/// (reset, restore) is read again. Durations (<see cref="TimeProvider.GetTimestamp"/>) stay real.
/// </summary>
public sealed class StoreClock(TimeProvider real, IRosterStore store) : TimeProvider, IFollowsStore
{
    public const string MetaKey = "sandbox_clock";
    volatile ClockSetting _setting = ClockSetting.RealTime;

    public ClockSetting Setting => _setting;
    public TimeProvider Real => real;

    public override DateTimeOffset GetUtcNow() => _setting.Now(real.GetUtcNow());
    public override long GetTimestamp() => real.GetTimestamp();
    public override long TimestampFrequency => real.TimestampFrequency;

    public async Task LoadAsync(CancellationToken ct = default)
        => _setting = await store.ReadAsync(async s => ClockSetting.FromJson(await s.GetMetaAsync(MetaKey) is { } json ? JsonNode.Parse(json) : null), ct);

    public void Apply(DomainEvent e)
    {
        if (e.As<ClockChanged>() is { } changed) _setting = changed.Setting;
    }

    public async ValueTask ForgetAsync(CancellationToken ct) => await LoadAsync(ct);

    public static string Serialize(ClockSetting setting) => setting.ToJson().ToJsonString();

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
