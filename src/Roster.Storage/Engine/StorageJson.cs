using System.Text.Json.Serialization;
using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Storage;

[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Roster.Domain.Accounts.AccountOptions))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext;
