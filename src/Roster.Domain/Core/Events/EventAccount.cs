using Roster.Domain.Accounts;

namespace Roster.Domain.Events;

/// <summary>An account as an event's <c>object</c> names it: its id, and what the event says of it (written only when set).</summary>
public sealed record EventAccount
{
    public required string Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OwnerEmail { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Plan { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Seats { get; init; }

    /// <summary>A new account: its name, owner, plan and seats.</summary>
    public static EventAccount Created(Account account, string ownerEmail)
        => new() { Id = account.Id, AccountName = account.Name, OwnerEmail = ownerEmail, Plan = account.Plan, Seats = account.LicensedSeats };
}
