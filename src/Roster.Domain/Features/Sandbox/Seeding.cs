using Roster.Domain.Errors;

namespace Roster.Domain.Sandbox;

public static class Seeding
{
    public static ZoomException Refused(IReadOnlyList<SeedProblem> problems)
        => Fail.SeedRefused(problems.Select(p => new FieldError(p.Path.Length == 0 ? "file" : p.Path, p.Line > 0 ? $"line {p.Line}: {p.Reason}" : p.Reason)).ToArray());
}
