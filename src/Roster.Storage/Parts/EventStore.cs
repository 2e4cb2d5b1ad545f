using Roster.Domain.Abstractions;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>The outbox: events appended in the change's transaction, read in (tx, seq) order.</summary>
internal sealed class EventStore(SqlRunner db) : IEventStore
{
    sealed class EventRow
    {
        public long Seq { get; set; }
        public long Tx { get; set; }
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
        => db.Later($"""
            INSERT INTO outbox (tx, id, type, account_id, subject_id, operator_id, operator_client_id, occurred_at, payload)
            VALUES ({db.Dialect.OutboxTx}, @Id, @Type, @AccountId, @SubjectId, @OperatorId, @OperatorClientId, @OccurredAt, @Payload)
            """, new
        {
            e.Id, e.Type, e.AccountId, e.SubjectId, e.OperatorId, e.OperatorClientId, OccurredAt = Ms(e.OccurredAt),
            Payload = e.Data.ToJsonString(),
        });

    public async Task<IReadOnlyList<Domain.Events.DomainEvent>> ListEventsAsync(string? accountId, Domain.Events.EventPosition after, int limit)
    {
        var rows = await db.Many<EventRow>(EventsAfterSql(db.Dialect, accountId is not null), new { accountId, after.Tx, after.Seq, limit });
        return rows.Select(Event).ToList();
    }

    /// <summary>Events after <c>(@Tx, @Seq)</c> in order, of the account <c>@accountId</c> or of every account.</summary>
    internal static string EventsAfterSql(ISqlDialect dialect, bool ofAccount)
        => $"SELECT * FROM outbox WHERE {(ofAccount ? "account_id = @accountId AND " : "")}{dialect.OutboxAfter} {dialect.OutboxSettled} ORDER BY tx, seq LIMIT @limit";

    public async Task<IReadOnlyList<Domain.Events.DomainEvent>> ListEventsBeforeAsync(string accountId, Domain.Events.EventPosition before, int limit)
        // backwards along (account_id, tx, seq)
        => (await db.Many<EventRow>(
            $"SELECT * FROM outbox WHERE account_id = @accountId AND (tx, seq) < (@Tx, @Seq) {db.Dialect.OutboxSettled} ORDER BY tx DESC, seq DESC LIMIT @limit",
            new { accountId, before.Tx, before.Seq, limit })).Select(Event).ToList();

    static Domain.Events.DomainEvent Event(EventRow r) => new(r.Type, r.AccountId, r.SubjectId, System.Text.Json.Nodes.JsonNode.Parse(r.Payload)!.AsObject())
    {
        Seq = r.Seq, Tx = r.Tx, Id = r.Id, OperatorId = r.OperatorId, OperatorClientId = r.OperatorClientId, OccurredAt = At(r.OccurredAt),
    };

    public async Task<Domain.Events.EventPosition?> PositionOfAsync(string eventId)
        => await db.One<EventRow>("SELECT tx, seq FROM outbox WHERE id = @eventId", new { eventId }) is { } row ? new Domain.Events.EventPosition(row.Tx, row.Seq) : null;

    public async Task<Domain.Events.DomainEvent?> LatestEventOfTypeAsync(string type)
    {
        // read backwards along the position index: the mark sought is among the newest events
        var row = await db.One<EventRow>($"SELECT * FROM outbox WHERE type = @type {db.Dialect.OutboxSettled} ORDER BY tx DESC, seq DESC LIMIT 1", new { type });
        return row is null ? null : Event(row);
    }

    public Task<long> CountEventsAfterAsync(Domain.Events.EventPosition after, int cap)
        // along the (tx, seq) index from the position, stopping at the cap: the cost is the backlog's, bounded
        => db.One<long>($"SELECT count(*) FROM (SELECT 1 FROM outbox WHERE {db.Dialect.OutboxAfter} {db.Dialect.OutboxSettled} LIMIT @cap) backlog",
            new { after.Tx, after.Seq, cap });

    public async Task<Domain.Events.EventPosition> LatestEventPositionAsync()
    {
        var last = await db.One<EventRow>($"SELECT tx, seq FROM outbox WHERE 1 = 1 {db.Dialect.OutboxSettled} ORDER BY tx DESC, seq DESC LIMIT 1");
        return last is null ? Domain.Events.EventPosition.Start : new(last.Tx, last.Seq);
    }
}
