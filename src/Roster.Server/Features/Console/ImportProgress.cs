namespace Roster.Server.AdminConsole;

/// <summary>One row of an import that was refused: its line in the file, its e-mail, and the API's reason.</summary>
public sealed record ImportFailure(int Line, string Email, string Reason);

/// <summary>An import's progress at one moment, read once for a page: its parts agree with each other.</summary>
public sealed record ImportProgress(int Done, int Total, int Created, IReadOnlyList<ImportFailure> Failures, bool Finished, string? Stopped);
