namespace Roster.Server.Webhooks;

public sealed record SecretTokenDto(string SecretToken);
