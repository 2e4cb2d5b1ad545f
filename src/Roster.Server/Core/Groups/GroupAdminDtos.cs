using System.ComponentModel;

namespace Roster.Server.Groups;

[Description("An admin of a group.")]
public sealed record GroupAdminDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("Full name.")] string Name);

[Description("A page of a group's admins.")]
public sealed record GroupAdminListDto(
    [property: Description("The admins of this page.")] IReadOnlyList<GroupAdminDto> Admins,
    [property: Description("The token of the next page; empty on the last.")] string NextPageToken,
    [property: Description("The most admins a page holds.")] int PageSize,
    [property: Description("How many admins the group has.")] int TotalRecords);

[Description("A chat channel of a group.")]
public sealed record GroupChannelDto(
    [property: Description("Channel id.")] string ChannelId,
    [property: Description("Channel name.")] string ChannelName,
    [property: Description("How many members the channel has.")] int MemberCount);

[Description("A group's chat channels (Roster has no chat channels: always empty).")]
public sealed record GroupChannelsDto(
    [property: Description("Group id.")] string GroupId,
    [property: Description("The group's channels.")] IReadOnlyList<GroupChannelDto> Channels);
