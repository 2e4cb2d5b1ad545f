namespace Roster.Storage;

internal sealed partial class SqlSession
{
    // ---- outbox ----

    sealed class EventRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string Type { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string? SubjectId { get; set; }
        public string? OperatorId { get; set; }
        public string? OperatorClientId { get; set; }
        public long OccurredAt { get; set; }
        public string Payload { get; set; } = "{}";
    }

    public Task AppendEventAsync(Domain.Events.DomainEvent e)
        => Exec("""
            INSERT INTO outbox (id, type, account_id, subject_id, operator_id, operator_client_id, occurred_at, payload)
            VALUES (@Id, @Type, @AccountId, @SubjectId, @OperatorId, @OperatorClientId, @OccurredAt, @Payload)
            """, new
        {
            e.Id, e.Type, e.AccountId, e.SubjectId, e.OperatorId, e.OperatorClientId, OccurredAt = Ms(e.OccurredAt),
            Payload = e.Data.ToJsonString(),
        });

    public async Task<IReadOnlyList<Domain.Events.DomainEvent>> ListEventsAsync(string? accountId, long afterSeq, int limit)
    {
        var rows = await Many<EventRow>(accountId is null
            ? "SELECT * FROM outbox WHERE seq > @afterSeq ORDER BY seq LIMIT @limit"
            : "SELECT * FROM outbox WHERE account_id = @accountId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { accountId, afterSeq, limit });
        return rows.Select(r => new Domain.Events.DomainEvent(r.Type, r.AccountId, r.SubjectId,
            System.Text.Json.Nodes.JsonNode.Parse(r.Payload)!.AsObject())
        {
            Seq = r.Seq, Id = r.Id, OperatorId = r.OperatorId, OperatorClientId = r.OperatorClientId, OccurredAt = At(r.OccurredAt),
        }).ToList();
    }

    public Task SetMetaAsync(string key, string value)
        => Exec("INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value });
}
