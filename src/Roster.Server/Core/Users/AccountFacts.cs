using Roster.Domain.Abstractions;

namespace Roster.Server.Users;

/// <summary>
/// Account number and plan, kept by each node after the first read (the rate limiter reads the plan on every call).
/// They follow the data: an event of an account drops what is kept of it, a replaced state drops everything.
/// </summary>
public sealed class AccountFacts(IRosterStore store) : Domain.Events.IFollowsStore
{
    public sealed record Facts(long Number, string Plan);

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Facts> _known = new(StringComparer.Ordinal);

    public async ValueTask<Facts> OfAsync(string accountId, CancellationToken ct)
    {
        if (_known.TryGetValue(accountId, out var facts)) return facts;
        var account = await store.ReadAsync(s => s.GetAccountAsync(accountId), ct);
        if (account is null) return new Facts(0, Domain.Accounts.Plans.Free);
        return _known[accountId] = new Facts(account.AccountNumber, account.Plan);
    }

    public void Apply(Domain.Events.DomainEvent e)
    {
        if (!e.Type.StartsWith("account.", StringComparison.Ordinal)) return;
        _known.TryRemove(e.AccountId, out _);
        if (e.SubjectId is { } subject) _known.TryRemove(subject, out _);
    }

    public ValueTask ForgetAsync(CancellationToken ct)
    {
        _known.Clear();
        return ValueTask.CompletedTask;
    }
}
