using System.Text.Json;
using Roster.Domain.Users;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Tests;

/// <summary>The list written straight from users is byte for byte what the list item DTO serializes to.</summary>
public class UserListWriterTests
{
    static User Varied(int i)
    {
        var u = new User
        {
            Id = $"U{i:D6}", AccountId = "acct", Email = $"u{i}@example.com", Type = 1 + i % 3, Pmi = 1_000_000_000L + i, UsePmi = i % 2 == 0,
            Status = (i % 4) switch { 0 => UserStatuses.Active, 1 => UserStatuses.Pending, 2 => UserStatuses.Inactive, _ => UserStatuses.Active },
            RoleId = i % 5 == 0 ? Roles.AdminId : Roles.MemberId, LoginType = i % 3 == 0 ? LoginTypes.Sso : LoginTypes.WorkEmail,
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(i % 3)).AddSeconds(i),
            LastLoginTime = i % 2 == 0 ? new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero).AddMinutes(i) : null,
            Verified = i % 2 == 1, PicId = i % 3 == 1 ? $"pic{i}" : null,
        };
        var p = u.Profile;
        if (i % 2 == 0) { p.FirstName = $"Fïrst {i} <&>\"'"; p.LastName = "Lást\u2028"; p.DisplayName = "D\\isplay"; }
        if (i % 3 == 0) { p.Timezone = "Europe/Paris"; p.Dept = "Dépt"; p.Language = "fr-FR"; }
        if (i % 4 == 0) p.GroupIds = ["g1", "g2"];
        if (i % 5 == 0) p.DivisionIds = [];
        if (i % 6 == 0) p.DivisionIds = ["d1"];
        if (i % 7 == 0) p.LastClientVersion = "6.2.0.1234(mac)";
        if (i % 3 == 0) p.EmployeeUniqueId = $"E-{i}";
        if (i % 8 == 0) p.CustomAttributes = [new("k", "Cost", "42"), new(null, "n", null)];
        if (i % 9 == 0) p.PlanUnitedType = "16";
        if (i % 10 == 0) p.HostKey = "123456";
        if (i % 11 == 0) { p.ZoomOneType = 16; p.Manager = "boss@example.com"; }
        return u;
    }

    static UserListItem ItemOf(User u) => new()
    {
        Seq = u.Seq, Id = u.Id, Email = u.Email, Type = u.Type, Status = u.Status, RoleId = u.RoleId, LoginType = u.LoginType, Pmi = u.Pmi,
        CreatedAt = u.CreatedAt, LastLoginTime = u.LastLoginTime, Verified = u.Verified, PicId = u.PicId, Profile = u.Profile,
    };

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void WrittenListEqualsTheDtoSerialization(bool custom, bool hostKey)
    {
        var users = Enumerable.Range(0, 120).Select(Varied).Select(ItemOf).ToList();
        var page = new UserListPage(users, 300, 2, 7, 1999, "next-token/+");
        const string baseUrl = "http://localhost:5080";
        var dto = new UserListDto
        {
            PageCount = page.PageCount, PageNumber = page.PageNumber, PageSize = page.PageSize, TotalRecords = page.TotalRecords, NextPageToken = page.NextPageToken,
            Users = users.Select(u => UserWire.ListItem(u, baseUrl, custom, hostKey)).ToList(),
        };
        var expected = JsonSerializer.Serialize(dto, ServerJson.Default.UserListDto);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) new UserListWriter(page, baseUrl, custom, hostKey).Write(json);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
