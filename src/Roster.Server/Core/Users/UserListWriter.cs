using System.Text.Json;
using Roster.Domain.Abstractions;
using Roster.Domain.Users;

namespace Roster.Server.Users;

/// <summary>
/// GET /users written straight to the response: each user's list item (reference §4.2) goes from the stored user into
/// the response's buffer, with no wire object per user and no reflection over one. The bytes are exactly those
/// <see cref="UserWire.ListItem"/> serialized as <see cref="UserListDto"/> would give (a test holds the two equal);
/// that DTO remains the document's schema.
/// </summary>
public sealed class UserListWriter(UserListPage page, string baseUrl, bool withCustomAttributes, bool withHostKey) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter))
            Write(json);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>The whole body, in the order and with the omissions of <see cref="UserListDto"/> and <see cref="UserDto"/>.</summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("page_count"u8, page.PageCount);
        json.WriteNumber("page_number"u8, page.PageNumber);
        json.WriteNumber("page_size"u8, page.PageSize);
        json.WriteNumber("total_records"u8, page.TotalRecords);
        json.WriteString("next_page_token"u8, page.NextPageToken);
        json.WriteStartArray("users"u8);
        Span<char> time = stackalloc char[20];
        foreach (var u in page.Users)
        {
            var p = u.Profile;
            json.WriteStartObject();
            if (!u.IsPending) json.WriteString("id"u8, u.Id);
            json.WriteString("first_name"u8, p.FirstName ?? "");
            json.WriteString("last_name"u8, p.LastName ?? "");
            json.WriteString("display_name"u8, p.DisplayName ?? "");
            json.WriteString("email"u8, u.Email);
            json.WriteNumber("type"u8, u.Type);
            json.WriteNumber("pmi"u8, u.Pmi);
            json.WriteBoolean("use_pmi"u8, false); // not part of a list item: the DTO's default
            json.WriteString("timezone"u8, p.Timezone ?? "");
            json.WriteNumber("verified"u8, u.Verified ? 1 : 0);
            json.WriteString("dept"u8, p.Dept ?? "");
            json.WriteString("created_at"u8, Time(u.CreatedAt, time));
            json.WriteString("user_created_at"u8, Time(u.CreatedAt, time));
            if (u.LastLoginTime is { } login) json.WriteString("last_login_time"u8, Time(login, time));
            if (p.LastClientVersion is { } version) json.WriteString("last_client_version"u8, version);
            if (UserWire.PicUrl(u.PicId, baseUrl) is { } pic) json.WriteString("pic_url"u8, pic);
            Strings(json, "group_ids"u8, p.GroupIds);
            json.WriteStartArray("im_group_ids"u8);
            json.WriteEndArray();
            if (p.DivisionIds is { } divisions) Strings(json, "division_ids"u8, divisions);
            if (UserWire.EmployeeUniqueId(u.LoginType, p) is { } employee) json.WriteString("employee_unique_id"u8, employee);
            json.WriteString("language"u8, p.Language ?? "en-US");
            json.WriteString("status"u8, u.Status);
            json.WriteString("role_id"u8, u.RoleId);
            if (withCustomAttributes)
            {
                json.WriteStartArray("custom_attributes"u8);
                foreach (var a in p.CustomAttributes ?? [])
                {
                    json.WriteStartObject();
                    if (a.Key is { } key) json.WriteString("key"u8, key);
                    if (a.Name is { } name) json.WriteString("name"u8, name);
                    if (a.Value is { } value) json.WriteString("value"u8, value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (p.PlanUnitedType is { } plan) json.WriteString("plan_united_type"u8, plan);
            if (withHostKey) json.WriteString("host_key"u8, p.HostKey ?? "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    static void Strings(Utf8JsonWriter json, ReadOnlySpan<byte> name, List<string>? values)
    {
        json.WriteStartArray(name);
        if (values is not null)
            foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary><see cref="UserWire.Time"/> without a string: <c>yyyy-MM-ddTHH:mm:ssZ</c> in UTC.</summary>
    static ReadOnlySpan<char> Time(DateTimeOffset t, Span<char> buffer)
    {
        t.UtcDateTime.TryFormat(buffer, out var n, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return buffer[..n];
    }
}
