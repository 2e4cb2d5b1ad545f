using System.Diagnostics;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;

namespace Roster.Domain.Users;

/// <summary>
/// The bulk path behind <c>roster-server seed</c>: fills an account with active API users
/// (<c>user0000001@seed.example.com</c> …) in large transactions, for load tests and demos.
/// </summary>
public sealed class UserSeeder(IRosterStore store, TimeProvider clock, IdSource? ids = null)
{
    readonly IdSource _ids = ids ?? new IdSource(clock);

    public const int BatchSize = 5000;

    public async Task<SeedResult> SeedAsync(string accountId, int count, string domain, int start = 1,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (count < 1) throw Fail.Invalid("count must be at least 1");
        if (!ProfileRules.IsEmail($"a@{domain}")) throw Fail.Invalid($"'{domain}' is not a domain");
        var watch = Stopwatch.StartNew();
        var pmis = await store.ReadAsync(async s =>
        {
            if (await s.GetAccountAsync(accountId) is null) throw Fail.AccountNotFound(accountId);
            if (await s.GetUserByEmailAsync(Email(start, domain)) is not null)
                throw Fail.EmailTaken(Email(start, domain));
            return (await s.AllPmisAsync()).ToHashSet();
        }, ct);
        var now = clock.GetUtcNow();
        var created = 0;
        var nextPmi = ProfileRules.NewPmi() / 10 * 10;
        if (nextPmi > 8_000_000_000) nextPmi -= 5_000_000_000;
        while (created < count)
        {
            var batch = new List<User>(Math.Min(BatchSize, count - created));
            for (var i = 0; i < batch.Capacity; i++)
            {
                var n = start + created + i;
                // consecutive valid PMIs from a random start: unique, and cheap to index
                do nextPmi++; while (!ProfileRules.IsPmi(nextPmi) || !pmis.Add(nextPmi));
                var pmi = nextPmi;
                batch.Add(new User
                {
                    Id = _ids.NewUserId(),
                    AccountId = accountId,
                    Email = Email(n, domain),
                    Type = UserTypes.Basic,
                    LoginType = LoginTypes.ApiUser,
                    CreatedAt = now,
                    Pmi = pmi,
                    Profile = new UserProfile { FirstName = "User", LastName = n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), DisplayName = $"User {n:D7}", Language = "en-US", Timezone = "" },
                });
            }
            await store.Write(async s => { await s.InsertUsersAsync(batch); return true; }, ct);
            created += batch.Count;
            progress?.Report(created);
        }
        return new SeedResult(created, watch.Elapsed);
    }

    public static string Email(int n, string domain) => $"user{n:D7}@{domain}";
}
