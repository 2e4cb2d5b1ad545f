using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Roster.Domain.Sandbox;

namespace Roster.Domain.Events;

/// <summary><c>store.replaced</c>: the whole state was replaced (a reset, a restored snapshot); the store's new generation.</summary>
public sealed record StoreReplaced(long Generation) : EventPayload;

/// <summary><c>store.clock_changed</c>: the sandbox moved, froze or released the store's clock (<see cref="ClockSetting.ToJson"/>).</summary>
public sealed record ClockChanged(JsonObject Object) : EventPayload
{
    [JsonIgnore] public ClockSetting Setting => ClockSetting.FromJson(Object);

    public static ClockChanged Of(ClockSetting setting) => new(setting.ToJson());
}

/// <summary><c>store.faults_changed</c>: the sandbox's fault rules changed; the whole list of rules.</summary>
public sealed record FaultsChanged(JsonArray Object) : EventPayload
{
    /// <summary>The rules (one this build cannot read is left out, as when they are loaded).</summary>
    [JsonIgnore] public IReadOnlyList<FaultDefinition> Rules => FaultDefinition.Parse(Object?.ToJsonString());

    public static FaultsChanged Of(IEnumerable<FaultDefinition> rules) => new(FaultDefinition.ToJson(rules));
}
