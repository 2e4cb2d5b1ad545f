using Roster.Domain.Abstractions;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Assistants and schedulers: one table read from both sides.</summary>
internal sealed class RelationStore(SqlRunner db) : IRelationStore
{
    sealed class AssistantRow
    {
        public string UserId { get; set; } = "";
        public string AssistantId { get; set; } = "";
        public long CanManageHostPrivateEvent { get; set; }
        public long AddedAt { get; set; }
        public Assistant ToAssistant() => new(UserId, AssistantId, CanManageHostPrivateEvent != 0, At(AddedAt));
    }

    public async Task<IReadOnlyList<Assistant>> ListAssistantsAsync(string userId)
        => (await db.Many<AssistantRow>("SELECT user_id, assistant_id, can_manage_host_private_event, added_at FROM assistants WHERE user_id = @userId ORDER BY added_at, assistant_id", new { userId }))
            .Select(r => r.ToAssistant()).ToList();

    public async Task<IReadOnlyList<Assistant>> ListSchedulersAsync(string assistantId)
        => (await db.Many<AssistantRow>("SELECT user_id, assistant_id, can_manage_host_private_event, added_at FROM assistants WHERE assistant_id = @assistantId ORDER BY added_at, user_id", new { assistantId }))
            .Select(r => r.ToAssistant()).ToList();

    public Task InsertAssistantAsync(Assistant a)
        => db.Exec("INSERT INTO assistants (user_id, assistant_id, can_manage_host_private_event, added_at) VALUES (@UserId, @AssistantId, @Can, @At)",
            new { a.UserId, a.AssistantId, Can = a.CanManageHostPrivateEvent ? 1 : 0, At = Ms(a.AddedAt) });

    public async Task<bool> DeleteAssistantAsync(string userId, string assistantId)
        => await db.Exec("DELETE FROM assistants WHERE user_id = @userId AND assistant_id = @assistantId", new { userId, assistantId }) > 0;

    public Task DeleteAllAssistantsAsync(string userId) => db.Exec("DELETE FROM assistants WHERE user_id = @userId", new { userId });

    public Task DeleteAllSchedulersAsync(string assistantId) => db.Exec("DELETE FROM assistants WHERE assistant_id = @assistantId", new { assistantId });
}
