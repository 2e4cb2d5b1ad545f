namespace Roster.Server.Hosting;

public sealed record EventDto(long Seq, string Id, string Event, string AccountId, string? SubjectId, string? OperatorId, string? OperatorClientId,
    string OccurredAt, System.Text.Json.Nodes.JsonObject Payload);

public sealed record EventListDto(IReadOnlyList<EventDto> Events, string NextAfter);
