using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserUpdate))]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class SeedJson : JsonSerializerContext;
