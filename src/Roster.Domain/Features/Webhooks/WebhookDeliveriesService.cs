using System.Globalization;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Webhooks;

/// <summary>
/// The delivery log an account's admins read (every attempt: time, status, latency, the start of the answer, why it
/// failed) and redelivery of one delivery or of a time range. Only the caller's own account's deliveries.
/// </summary>
public sealed class WebhookDeliveriesService(IRosterStore store, TimeProvider clock)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;

    public Task<(IReadOnlyList<DeliveryRecord> Page, string NextPageToken)> ListAsync(Caller caller, string? subscriptionId, string? eventName, string? state,
        DateTimeOffset? from, DateTimeOffset? to, int? pageSize, string? nextPageToken, CancellationToken ct = default)
    {
        Operations.RosterWebhookDeliveries.AuthorizeAdmin(caller);
        if (state is not null && !DeliveryStates.All.Contains(state)) throw Fail.InvalidField("state");
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) throw Fail.InvalidField("page_size");
        long before = long.MaxValue;
        if (!string.IsNullOrEmpty(nextPageToken) && !long.TryParse(nextPageToken, NumberStyles.None, CultureInfo.InvariantCulture, out before))
            throw Fail.InvalidField("next_page_token");
        return store.ReadAsync(async s =>
        {
            await UserAccess.RequireAdmin(s, caller);
            var page = await s.ListDeliveriesAsync(new DeliveryQuery(caller.AccountId, subscriptionId, eventName, state, from, to, before, size + 1));
            var shown = page.Take(size).ToList();
            var attempts = (await s.ListAttemptsAsync(shown.Select(d => d.Id).ToList())).ToLookup(a => a.DeliveryId);
            var next = page.Count > size ? shown[^1].Seq.ToString(CultureInfo.InvariantCulture) : "";
            return ((IReadOnlyList<DeliveryRecord>)shown.Select(d => new DeliveryRecord(d, attempts[d.Id].OrderBy(a => a.Attempt).ToList())).ToList(), next);
        }, ct);
    }

    /// <summary>Sends again (a new round of retries) one delivery, or every finished delivery of a subscription or a time range; returns how many.</summary>
    public Task<int> RedeliverAsync(Caller caller, string? deliveryId, string? subscriptionId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        Operations.RosterWebhookRedeliver.AuthorizeAdmin(caller);
        if (deliveryId is null && subscriptionId is null && from is null && to is null)
            throw Fail.Validation(new FieldError("delivery_id", "Name a delivery, a subscription or a time range (from, to)."));
        if (from is { } f && to is { } t && f > t) throw Fail.InvalidField("from");
        return store.Write(async s =>
        {
            await UserAccess.RequireAdmin(s, caller);
            if (deliveryId is not null)
            {
                var found = await s.GetDeliveryAsync(deliveryId);
                if (found is null || found.AccountId != caller.AccountId) throw Fail.DeliveryNotFound(deliveryId);
            }
            return await s.RequeueDeliveriesAsync(caller.AccountId, deliveryId, subscriptionId, from, to, clock.GetUtcNow());
        }, ct);
    }
}
