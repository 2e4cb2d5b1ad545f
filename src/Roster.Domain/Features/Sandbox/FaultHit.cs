namespace Roster.Domain.Sandbox;

/// <summary>A fault that hit: the rule and what it does (its answer: <see cref="FaultRules.ErrorOf"/>).</summary>
public sealed record FaultHit(string RuleId, FaultSpec Spec)
{
    public TimeSpan Delay => TimeSpan.FromMilliseconds(Spec.DelayMs);
}
