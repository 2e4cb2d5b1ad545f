using System.Text.Json;
using Roster.Domain.Users;

namespace Roster.Storage.Tests;

/// <summary>
/// The users' column table (<see cref="UserTable"/>, built on <see cref="ColumnTable{T}"/>) on each engine: a user with
/// every column and every profile field set reads back equal through the single insert, the bulk insert (PostgreSQL:
/// binary COPY; SQLite: one prepared insert bound per row) and the update. Rows are compared column by column through
/// the table itself, so a column added to it is covered here, and <see cref="TheUsersHereSetEveryColumn"/> fails until
/// the users below set it.
/// </summary>
public class UserTableTests
{
    static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero); // whole milliseconds, as the store keeps times

    static UserProfile Profile(string v) => new()
    {
        FirstName = $"Ada {v}", LastName = $"Lovelace {v}", DisplayName = $"Ada L. {v}", Timezone = v == "a" ? "Europe/London" : "Asia/Tokyo",
        Language = v == "a" ? "en-US" : "ja-JP", Dept = $"Engines {v}", Company = $"Analytical {v}", JobTitle = $"Programmer {v}",
        Location = $"London {v}", Manager = $"babbage.{v}@columns.test", CostCenter = $"CC-{v}", CmsUserId = $"cms-{v}", HostKey = v == "a" ? "123456" : "654321",
        PhoneCountry = v == "a" ? "GB" : "JP", PhoneNumber = v == "a" ? "+44 20 7946 0000" : "+81 3 0000 0000",
        PhoneNumbers = [new("+44", "GB", "Office", $"2079460{v}", Verified: true), new("+1", "US", "Mobile", $"5550100{v}")],
        Pronouns = $"she/her {v}", PronounsOption = v == "a" ? 1 : 2,
        CustomAttributes = [new($"k-{v}", "Team", $"Difference {v}")], DivisionIds = [$"div-{v}", "div-z"],
        ZoomOneType = v == "a" ? 16 : 32, PlanUnitedType = v == "a" ? "1" : "2", AboutMe = $"Notes on the engine, {v}: «ü» 🚂",
        LinkedinUrl = $"https://www.linkedin.com/in/ada-{v}", LicenseInfoList = [new("zoom_workforce_management", 1, $"sub-{v}")],
        GroupIds = [$"g-{v}"], ZoomPhone = v == "a", LastClientVersion = $"6.2.0.{v}(mac)", EmployeeUniqueId = $"E-{v}",
        ModifiedAt = T0.AddMinutes(v == "a" ? 5 : 6),
        Presence = v == "a" ? new("Do_Not_Disturb", T0.AddMinutes(30).ToUnixTimeMilliseconds(), T0.ToUnixTimeMilliseconds()) : new("Away", null, T0.AddHours(1).ToUnixTimeMilliseconds()), SignedInClients = ["mac", $"win-{v}"],
    };

    /// <summary>A user with every column set, none to what a new user has; <paramref name="v"/> ("a" or "b") gives another value to each.</summary>
    static User Full(int n, string v = "a") => new()
    {
        Id = $"u_full_{n}", AccountId = $"acct_columns_{v}", Email = $"full{n}.{v}@columns.test",
        Type = v == "a" ? UserTypes.Licensed : UserTypes.OnPrem, Status = v == "a" ? UserStatuses.Inactive : UserStatuses.Pending,
        RoleId = v == "a" ? Roles.AdminId : Roles.OwnerId, LoginType = v == "a" ? LoginTypes.Sso : LoginTypes.ApiUser,
        Pmi = 5_100_000_000 + n * 10 + (v == "a" ? 1 : 2), UsePmi = v == "a", VanityName = $"Full.{n}.{v.ToUpperInvariant()}",
        CreatedAt = T0.AddDays(n + (v == "a" ? 0 : 100)), LastLoginTime = T0.AddHours(n + (v == "a" ? 1 : 2)), Verified = v == "a",
        PicId = $"pic_{n}_{v}", PasswordHash = $"$hash${n}${v}", PasswordHistory = [$"$old1${v}", $"$old2${v}"],
        InviteToken = $"invite_{n}_{v}", InviteExpiresAt = T0.AddDays(30 + n).AddMilliseconds(v == "a" ? 1 : 2),
        TokensRevokedAt = T0.AddSeconds(n + (v == "a" ? 7 : 9)), Profile = Profile(v),
    };

    /// <summary>A user's row as the table writes it: each written column's name and value.</summary>
    static List<(string Column, object? Value)> Row(User u) => UserTable.Columns.Written.Zip(UserTable.Columns.ValuesOf(u)).ToList();

    static void AssertReadsBackAs(User written, User? read)
    {
        Assert.NotNull(read);
        Assert.True(read.Seq > 0, $"seq {read.Seq}");
        Assert.Equal(Row(written), Row(read));
        // the profile document field by field (the row holds it as one JSON text)
        Assert.Equal(JsonSerializer.Serialize(written.Profile), JsonSerializer.Serialize(read.Profile));
    }

    [Fact]
    public void TheUsersHereSetEveryColumn()
    {
        var fresh = Row(new User { Id = "u_new", AccountId = "acct_new", Email = "new@columns.test" });
        var (a, b) = (Row(Full(1)), Row(Full(1, "b")));
        Assert.All(a.Zip(b, fresh), c =>
        {
            Assert.NotNull(c.First.Value);
            Assert.NotNull(c.Second.Value);
            Assert.NotEqual(c.Third.Value, c.First.Value); // none left as a new user has it
            if (c.First.Column != "id") Assert.NotEqual(c.First.Value, c.Second.Value); // the update changes every column but the key
        });
        foreach (var field in typeof(UserProfile).GetProperties())
        {
            Assert.NotNull(field.GetValue(Full(1).Profile));
            Assert.NotEqual(JsonSerializer.Serialize(field.GetValue(Full(1).Profile)), JsonSerializer.Serialize(field.GetValue(Full(1, "b").Profile)));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task AUserWithEveryColumnSetReadsBackEqualThroughTheSingleInsert(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        var user = Full(1);
        var seq = await under.Store.WriteAsync(async s => { await s.InsertUserAsync(user); return user.Seq; });
        Assert.True(seq > 0, $"seq {seq}");
        var (byId, listed, item) = await under.Store.ReadAsync(async s => (
            await s.GetUserAsync(user.Id),
            await s.ListUsersAsync(user.AccountId, user.Status, null, 0, 10),
            await s.ListUserItemsAsync(user.AccountId, user.Status, null, 0, 0, 10)));
        AssertReadsBackAs(user, byId);
        AssertReadsBackAs(user, Assert.Single(listed));
        // a list page reads its own columns: the same values
        var i = Assert.Single(item);
        Assert.Equal(
            (seq, user.Id, user.Email, user.Type, user.Status, user.RoleId, user.LoginType, user.Pmi, user.CreatedAt, user.LastLoginTime, user.Verified, user.PicId, JsonSerializer.Serialize(user.Profile)),
            (i.Seq, i.Id, i.Email, i.Type, i.Status, i.RoleId, i.LoginType, i.Pmi, i.CreatedAt, i.LastLoginTime, i.Verified, i.PicId, JsonSerializer.Serialize(i.Profile)));
    }

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task UsersWithEveryColumnSetReadBackEqualThroughTheBulkInsert(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        User[] users = [Full(1), Full(2), Full(3, "b")];
        await under.Store.WriteAsync(async s => { await s.InsertUsersAsync(users); return 0; });
        var read = await under.Store.ReadAsync(async s =>
        {
            var found = new List<User?>();
            foreach (var u in users) found.Add(await s.GetUserAsync(u.Id));
            return found;
        });
        Assert.All(users.Zip(read), p => AssertReadsBackAs(p.First, p.Second));
        Assert.Equal(users.Length, read.Select(u => u!.Seq).Distinct().Count());
    }

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task AnUpdateWritesEveryColumnButTheKeyAndTheCreationTime(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        var first = Full(1);
        await under.Store.WriteAsync(async s => { await s.InsertUserAsync(first); return 0; });
        var changed = Full(1, "b");
        await under.Store.WriteAsync(async s =>
        {
            var held = (await s.LockUserAsync(changed.Id))!;
            changed.Seq = held.Seq;
            await s.UpdateUserAsync(changed);
            return 0;
        });
        var read = await under.Store.ReadAsync(s => s.GetUserAsync(changed.Id));
        // created_at is written once, at the insert
        var expected = Full(1, "b");
        expected.CreatedAt = first.CreatedAt;
        AssertReadsBackAs(expected, read);
        Assert.Equal(first.Seq, read!.Seq);
    }
}
