using System.Text.Json.Serialization;
using Roster.Domain.Accounts;

namespace Roster.Storage;

[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Roster.Domain.Accounts.AccountOptions))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext;
