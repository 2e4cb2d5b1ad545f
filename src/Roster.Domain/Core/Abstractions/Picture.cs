namespace Roster.Domain.Abstractions;

/// <summary>Picture bytes as uploaded, with the media type recognised from their content.</summary>
public sealed record Picture(string Id, string UserId, string ContentType, byte[] Bytes);
