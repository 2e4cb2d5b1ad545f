using System.Text.RegularExpressions;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Limits;

namespace Roster.Domain.Sandbox;

/// <summary>
/// The fault rules every node matches each call against before it runs. Out of band: clients send nothing special,
/// and the calls a fault answers change nothing. The rules live in the store (<c>meta.sandbox_faults</c>) and a change
/// is an event each node's follower applies, so a rule set through any node holds on all; each node counts its own
/// matches (<c>nth</c>, <c>times</c>, chance). Checking costs one read when there are no rules. A reset or restore
/// starts without rules.
/// </summary>
public sealed class FaultRules(TimeProvider clock, IRosterStore? store = null) : IFollowsStore
{
    public const string MetaKey = "sandbox_faults";
    public const int MaxRules = 100;
    public const int MaxDelayMs = 60_000;
    static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    sealed class Rule(FaultDefinition definition, Regex? path)
    {
        public readonly FaultDefinition Definition = definition;
        public string Id => Definition.Id;
        public FaultSpec Spec => Definition.Spec;
        public readonly Regex? Path = path;
        public readonly Random Random = definition.Spec.Seed is { } seed ? new Random(seed) : new Random();
        public long Matched;
        public long Hits;

        public bool Spent(DateTimeOffset now) => Hits >= Spec.Times || Spec.ExpiresAt <= now;
        public FaultInfo Info(DateTimeOffset now) { lock (this) return new(Id, Spec, Definition.CreatedAt, Matched, Hits, Spent(now)); }
    }

    volatile Rule[] _rules = [];
    readonly Lock _gate = new();

    /// <summary>Whether any rule is set (the one read a call pays when there is none).</summary>
    public bool Any => _rules.Length > 0;

    /// <summary>Whether a rule names an account or a user, so the caller must be known before matching.</summary>
    public bool NeedCaller => _rules.Any(r => r.Spec.AccountId is not null || r.Spec.UserId is not null);

    /// <summary>The rules as they are now, in the order they are matched; this node's counts of a rule still set are kept.</summary>
    public void Use(IReadOnlyList<FaultDefinition> rules)
    {
        lock (_gate)
        {
            var known = _rules.ToDictionary(r => r.Id);
            _rules = rules.Select(d => known.TryGetValue(d.Id, out var kept) && kept.Definition == d ? kept : Build(d)).OfType<Rule>().ToArray();
        }

        static Rule? Build(FaultDefinition d)
        {
            try
            {
                return new Rule(d, Validate(d.Spec));
            }
            catch (ZoomException)
            {
                return null; // a rule this build cannot match (written by another version): left out, never fatal to the node
            }
        }
    }

    /// <summary>Reads the rules from the store (at start, and when the state was replaced).</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (store is not null) Use(FaultDefinition.Parse(await store.ReadAsync(s => s.GetMetaAsync(MetaKey), ct)));
    }

    public void Apply(DomainEvent e)
    {
        if (e.As<FaultsChanged>() is { } changed) Use(changed.Rules);
    }

    async ValueTask IFollowsStore.ForgetAsync(CancellationToken ct) => await LoadAsync(ct);

    public IReadOnlyList<FaultInfo> List()
    {
        var now = clock.GetUtcNow();
        return _rules.Select(r => r.Info(now)).ToList();
    }

    /// <summary>
    /// The fault for this call, if a rule hits it: the first rule (in the order they were added) that matches and, by
    /// its count and chance, fires. Counts every rule's matches up to and including the one that hits.
    /// </summary>
    public FaultHit? Match(CallFacts call)
    {
        var rules = _rules;
        if (rules.Length == 0) return null;
        var now = clock.GetUtcNow();
        foreach (var rule in rules)
        {
            if (!Matches(rule, call)) continue;
            lock (rule)
            {
                if (rule.Spent(now)) continue;
                rule.Matched++;
                if (rule.Matched < rule.Spec.Nth) continue;
                if (rule.Spec.Probability < 1.0 && rule.Random.NextDouble() >= rule.Spec.Probability) continue;
                rule.Hits++;
            }
            return new FaultHit(rule.Id, rule.Spec);
        }
        return null;
    }

    static bool Matches(Rule rule, CallFacts call)
    {
        var s = rule.Spec;
        if (s.Operation is not null && !string.Equals(s.Operation, call.Operation, StringComparison.Ordinal)) return false;
        if (s.Method is not null && !string.Equals(s.Method, call.Method, StringComparison.OrdinalIgnoreCase)) return false;
        if (rule.Path is not null && !rule.Path.IsMatch(call.Path)) return false;
        if (s.AccountId is not null && !string.Equals(s.AccountId, call.AccountId, StringComparison.Ordinal)) return false;
        if (s.UserId is not null)
        {
            var named = call.UserId is "me" ? call.CallerUserId : call.UserId;
            if (!string.Equals(s.UserId, named, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary>The answer a rule gives, in Zoom's shape and with Zoom's headers.</summary>
    public static ZoomError? ErrorOf(FaultSpec spec, DateTimeOffset now, string rateCategory, int rateLimit) => spec.Kind switch
    {
        FaultKind.RateLimit => Fail.PerSecondRateLimit() with
        {
            Headers = new RateDecision(rateCategory, rateLimit, 0, "QPS", null, null).Headers(),
        },
        FaultKind.DailyLimit => Fail.DailyRateLimit() with
        {
            Headers = new RateDecision(rateCategory, rateLimit, 0, "Daily-limit", new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero), null).Headers(),
        },
        FaultKind.ServerError => Fail.Internal() with { Message = spec.Message ?? Fail.Internal().Message },
        FaultKind.Unavailable => Fail.Unavailable() with
        {
            Message = spec.Message ?? Fail.Unavailable().Message,
            Headers = new Dictionary<string, string> { ["Retry-After"] = (spec.RetryAfterSeconds ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        FaultKind.ExpiredToken => Fail.ExpiredAccessToken().Error,
        FaultKind.Error => Fail.Injected(spec.Status!.Value, spec.Code!.Value, spec.Message) with
        {
            Headers = spec.RetryAfterSeconds is { } after
                ? new Dictionary<string, string> { ["Retry-After"] = after.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : null,
        },
        _ => null,
    };

    /// <summary>Refuses a rule that could not work as written, naming the field; returns its compiled path pattern.</summary>
    public static Regex? Validate(FaultSpec s)
    {
        if (!Enum.IsDefined(s.Kind)) throw Fail.InvalidField("fault");
        if (s.Operation is { } op && (op.Length is 0 or > 64 || !op.All(char.IsAsciiLetterOrDigit))) throw Fail.InvalidField("operation");
        if (s.Method is { } method && !Methods.Contains(method.ToUpperInvariant())) throw Fail.InvalidField("method");
        if (s.Path is { } p && (p.Length is 0 or > 300 || p[0] != '/' || p.Any(c => char.IsControl(c) || c is '?' or '#' or ' '))) throw Fail.InvalidField("path");
        if (s.AccountId is { } a && (a.Length is 0 or > 64 || a.Any(char.IsControl))) throw Fail.InvalidField("account_id");
        if (s.UserId is { } u && (u.Length is 0 or > 128 || u.Any(char.IsControl))) throw Fail.InvalidField("user_id");
        if (s.Kind == FaultKind.Error)
        {
            if (s.Status is not (>= 400 and <= 599)) throw Fail.InvalidField("status");
            if (s.Code is not (>= 0 and <= 99_999)) throw Fail.InvalidField("code");
        }
        else if (s.Status is not null || s.Code is not null) throw Fail.Invalid("status and code are set only with the fault \"error\"; the other faults answer as Zoom does.");
        if (s.Message is { } message && (message.Length is 0 or > 500 || message.Any(char.IsControl))) throw Fail.InvalidField("message");
        if (s.RetryAfterSeconds is { } r && (r is < 0 or > 86_400 || s.Kind is not (FaultKind.Unavailable or FaultKind.Error))) throw Fail.InvalidField("retry_after");
        if (s.DelayMs is < 0 or > MaxDelayMs || (s.Kind == FaultKind.Delay && s.DelayMs == 0)) throw Fail.InvalidField("delay_ms");
        if (s.Nth is < 1 or > 1_000_000) throw Fail.InvalidField("nth");
        if (!double.IsFinite(s.Probability) || s.Probability is <= 0 or > 1) throw Fail.InvalidField("probability");
        if (s.Times is < 1 or > 1_000_000) throw Fail.InvalidField("times");
        if (s.Path is not { } path) return null;
        var pattern = "^" + Regex.Escape(path).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
