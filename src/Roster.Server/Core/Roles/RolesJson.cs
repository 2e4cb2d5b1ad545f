using System.Text.Json.Serialization;
using Roster.Domain.AccountRoles;

namespace Roster.Server.AccountRoles;

/// <summary>The Roles API's wire types, source-generated, in Zoom's snake_case names (the options of <c>ServerJson</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RoleDto))]
[JsonSerializable(typeof(RoleListDto))]
[JsonSerializable(typeof(RoleMembersDto))]
[JsonSerializable(typeof(RoleMembersAddedDto))]
[JsonSerializable(typeof(CreateRoleRequest))]
[JsonSerializable(typeof(UpdateRoleRequest))]
[JsonSerializable(typeof(AssignRoleMembersRequest))]
public sealed partial class RolesJson : JsonSerializerContext;
