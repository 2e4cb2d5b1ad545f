using System.Text.Json.Serialization;

namespace Roster.Domain.Events;

/// <summary>
/// The JSON of event records: snake_case names; a member is written even when null (as the stored events always
/// were), except where a record marks it optional.
/// </summary>
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(EventUser))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class EventPayloadJson : JsonSerializerContext;
