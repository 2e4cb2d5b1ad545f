using System.Text.Json.Serialization;

namespace Roster.Server.Users;

public sealed record ExistedEmailDto([property: JsonPropertyName("existed_email")] bool ExistedEmail);

public sealed record ExistedDto(bool Existed);
