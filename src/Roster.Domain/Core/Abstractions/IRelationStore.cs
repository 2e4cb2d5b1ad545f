namespace Roster.Domain.Abstractions;

/// <summary>Assistants and schedulers: one relation, seen as assistants of UserId and schedulers of AssistantId.</summary>
public interface IRelationStore
{
    Task<IReadOnlyList<Assistant>> ListAssistantsAsync(string userId);
    Task<IReadOnlyList<Assistant>> ListSchedulersAsync(string assistantId);
    Task InsertAssistantAsync(Assistant assistant);
    Task<bool> DeleteAssistantAsync(string userId, string assistantId);
    Task DeleteAllAssistantsAsync(string userId);
    Task DeleteAllSchedulersAsync(string assistantId);
}
