using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Users;

/// <summary>Assistants and schedulers: one relation seen from both sides.</summary>
public sealed class UserRelationsService(IRosterStore store, TimeProvider clock)
{
    public const int MaxAssistants = 30;


    DateTimeOffset Now => clock.GetUtcNow();

    // ---- assistants and schedulers: one relation seen from both sides ----

    public Task<AssistantsAdded> AddAssistantsAsync(Caller caller, string userId, AddAssistantsRequest body, CancellationToken ct = default)
    {
        var refs = body.Assistants;
        if (refs is null || refs.Count == 0) throw Fail.InvalidField("assistants");
        if (refs.Count > MaxAssistants) throw Fail.Invalid($"At most {MaxAssistants} assistants can be added in one request.");
        if (refs.Any(r => string.IsNullOrEmpty(r.Id) && string.IsNullOrEmpty(r.Email))) throw Fail.InvalidField("assistants");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.AddAssistants, hold: true);
            var account = await AccountOf(s, user.AccountId);
            if (!account.IsPaid) throw Fail.NoPrivilege("Assistants require a paid account.");
            if (!UserTypes.IsPaid(user.Type)) throw Fail.NoPrivilege("The user must be Licensed or On-prem to have assistants.");
            var existing = (await s.ListAssistantsAsync(user.Id)).Select(a => a.AssistantId).ToHashSet();
            var now = Now;
            var ids = new List<string>();
            foreach (var r in refs)
            {
                var who = r.Id ?? r.Email!;
                var assistant = !string.IsNullOrEmpty(r.Id) ? await s.GetUserAsync(r.Id) : await s.GetUserByEmailAsync(r.Email!.ToLowerInvariant());
                if (assistant is null || assistant.AccountId != user.AccountId || assistant.IsPending)
                    throw Fail.NoPrivilege($"Assistant {who} was not found in this account.");
                if (assistant.Id == user.Id) throw Fail.NoPrivilege("A user cannot be their own assistant.");
                if (!UserTypes.IsPaid(assistant.Type)) throw Fail.NoPrivilege($"Assistant {who} must be Licensed or On-prem.");
                if (!existing.Add(assistant.Id)) throw Fail.NoPrivilege($"Assistant {who} already has scheduling privilege for this user.");
                await s.InsertAssistantAsync(new Assistant(user.Id, assistant.Id, r.CanManageHostPrivateEvent ?? false, now));
                ids.Add(assistant.Id);
            }
            if (existing.Count > MaxAssistants) throw Fail.Invalid($"A user can have at most {MaxAssistants} assistants.");
            await Record(s, clock, caller, DomainEvent.Of(user, new UserAssistantsAdded(EventUser.Of(user) with { Assistants = [.. ids] })));
            return new AssistantsAdded(string.Join(",", ids), now);
        }, ct);
    }

    public Task<IReadOnlyList<AssistantView>> ListAssistantsAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync<IReadOnlyList<AssistantView>>(async s =>
        {
            var user = await Target(s, caller, userId, Operations.ListAssistants);
            var views = new List<AssistantView>();
            foreach (var a in await s.ListAssistantsAsync(user.Id))
                if (await s.GetUserAsync(a.AssistantId) is { } au) views.Add(new AssistantView(au.Id, au.Email, a.CanManageHostPrivateEvent));
            return views;
        }, ct);

    public Task DeleteAssistantAsync(Caller caller, string userId, string assistantId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteAssistant, hold: true);
            if (!await s.DeleteAssistantAsync(user.Id, assistantId)) throw Fail.UserNotFound(assistantId);
            await Record(s, clock, caller, DomainEvent.Of(user, new UserAssistantsDeleted(EventUser.Of(user) with { Assistants = [assistantId] })));
            return true;
        }, ct);

    public Task DeleteAssistantsAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteAssistants, hold: true);
            var gone = (await s.ListAssistantsAsync(user.Id)).Select(a => a.AssistantId).ToList();
            await s.DeleteAllAssistantsAsync(user.Id);
            if (gone.Count > 0) await Record(s, clock, caller, DomainEvent.Of(user, new UserAssistantsDeleted(EventUser.Of(user) with { Assistants = [.. gone] })));
            return true;
        }, ct);

    public Task<IReadOnlyList<SchedulerView>> ListSchedulersAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync<IReadOnlyList<SchedulerView>>(async s =>
        {
            var user = await Target(s, caller, userId, Operations.ListSchedulers);
            var views = new List<SchedulerView>();
            foreach (var a in await s.ListSchedulersAsync(user.Id))
                if (await s.GetUserAsync(a.UserId) is { } su) views.Add(new SchedulerView(su.Id, su.Email, su.Pmi));
            return views;
        }, ct);

    public Task DeleteSchedulerAsync(Caller caller, string userId, string schedulerId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteScheduler, hold: true);
            if (!await s.DeleteAssistantAsync(schedulerId, user.Id)) throw Fail.UserNotFound(schedulerId);
            await Record(s, clock, caller, DomainEvent.Of(user, new UserSchedulersDeleted(EventUser.Of(user) with { Schedulers = [schedulerId] })));
            return true;
        }, ct);

    public Task DeleteSchedulersAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteSchedulers, hold: true);
            var gone = (await s.ListSchedulersAsync(user.Id)).Select(a => a.UserId).ToList();
            await s.DeleteAllSchedulersAsync(user.Id);
            if (gone.Count > 0) await Record(s, clock, caller, DomainEvent.Of(user, new UserSchedulersDeleted(EventUser.Of(user) with { Schedulers = [.. gone] })));
            return true;
        }, ct);
}
