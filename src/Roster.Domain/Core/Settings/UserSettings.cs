using Roster.Domain.Accounts;
using Roster.Domain.Events;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Settings;

/// <summary>
/// A user's settings: the values they changed (stored) laid over the schema's defaults (not stored).
/// Authentication options are defined by the account; a user can only update, show or hide them (§5.3).
/// </summary>
public sealed class UserSettings
{
    const string AuthKey = "authentication";
    readonly JsonObject _stored;
    readonly SettingsInheritance? _inherited;

    /// <param name="storedJson">The user's own values (what is stored for it).</param>
    /// <param name="inherited">What its groups give it (their values and locks); null for a user in no group that gives anything.</param>
    public UserSettings(string? storedJson, SettingsInheritance? inherited = null)
    {
        _stored = storedJson is null ? new JsonObject() : JsonNode.Parse(storedJson)!.AsObject();
        _inherited = inherited;
    }

    /// <summary>The stored document itself (a group's settings reuse these rules over their own document).</summary>
    internal JsonObject Stored => _stored;

    /// <summary>The document reads are built from: the user's own values with what its groups give laid in (<see cref="SettingsInheritance.Apply"/>).</summary>
    JsonObject View => _inherited?.Apply(_stored) ?? _stored;

    public string ToJson() => _stored.ToJsonString();

    /// <summary>
    /// One settings PATCH of the document <paramref name="option"/> names (<c>meeting_security</c>, an authentication
    /// kind, or the full document through <paramref name="full"/>), the same for a user's and a group's settings:
    /// the leaves it changed and their previous values. The account is read only for the authentication kinds.
    /// </summary>
    public async Task<(JsonObject Changed, JsonObject Previous)> PatchOptionAsync(string? option, JsonObject body, Func<Task<Account>> account,
        Func<(JsonObject, JsonObject)> full)
    {
        switch (option)
        {
            case SettingsOptions.MeetingSecurity:
                var securityBefore = MeetingSecurity();
                PatchMeetingSecurity(body);
                return Changes.Diff(securityBefore, MeetingSecurity());
            case SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication:
                var a = await account();
                var authBefore = Authentication(option, a.Id, a.ManagedDomains);
                PatchAuthentication(option, body, a.Id, a.ManagedDomains);
                return Changes.Diff(authBefore, Authentication(option, a.Id, a.ManagedDomains));
            default:
                return full();
        }
    }

    /// <summary>The leaves the user's groups lock (none for a user in no group that locks anything).</summary>
    public IReadOnlyCollection<SettingsInheritance.Lock> Locks => _inherited?.Locks ?? [];

    /// <summary>The user's Virtual Background files (kept with the settings; changed only by their upload and delete calls).</summary>
    public JsonArray BackgroundFiles()
        => _stored["in_meeting"]?["virtual_background_settings"]?["files"] is JsonArray files ? (JsonArray)files.DeepClone() : [];

    public void SetBackgroundFiles(JsonArray files)
    {
        if (_stored["in_meeting"] is not JsonObject inMeeting) _stored["in_meeting"] = inMeeting = new JsonObject();
        if (inMeeting["virtual_background_settings"] is not JsonObject vb) inMeeting["virtual_background_settings"] = vb = new JsonObject();
        vb["files"] = files;
    }

    static SettingsSchema Schema => SettingsSchema.Instance;

    /// <summary>The full document of GET without <c>option</c>, optionally cut to the named leaves.</summary>
    public JsonObject Full(User user, IReadOnlyCollection<string>? customQueryFields = null)
    {
        var doc = new JsonObject();
        var view = View;
        foreach (var section in SettingsSchema.Sections)
        {
            var node = Schema.Root.Children[section];
            var value = SettingsSchema.DefaultsOf(node) as JsonObject ?? new JsonObject();
            if (view[section] is JsonObject changed) SettingsSchema.Merge(value, changed);
            SettingsSchema.DropUnreadable(node, value);
            doc[section] = value;
        }
        ApplyPlanFacts(doc, user);
        if (customQueryFields is { Count: > 0 }) doc = KeepLeaves(doc, customQueryFields);
        return doc;
    }

    /// <summary>Values that follow from the user's plan type rather than from a choice.</summary>
    static void ApplyPlanFacts(JsonObject doc, User user)
    {
        var feature = doc["feature"]!.AsObject();
        feature["meeting_capacity"] ??= UserTypes.IsPaid(user.Type) ? 300 : 100;
        feature["large_meeting"] ??= false;
        feature["webinar"] ??= false;
        feature["zoom_events"] ??= false;
        feature["zoom_phone"] ??= user.Profile.ZoomPhone ?? false;
    }

    internal static JsonObject KeepLeaves(JsonObject doc, IReadOnlyCollection<string> names)
    {
        var result = new JsonObject();
        foreach (var (section, value) in doc)
        {
            if (value is not JsonObject obj) continue;
            var kept = new JsonObject();
            foreach (var (k, v) in obj)
                if (names.Contains(k)) kept[k] = v?.DeepClone();
            if (kept.Count > 0) result[section] = kept;
        }
        return result;
    }

    public JsonObject MeetingSecurity()
    {
        var node = Schema.Root.Children[SettingsOptions.MeetingSecurity];
        var value = SettingsSchema.DefaultsOf(node) as JsonObject ?? new JsonObject();
        if (View[SettingsOptions.MeetingSecurity] is JsonObject changed) SettingsSchema.Merge(value, changed);
        SettingsSchema.DropUnreadable(node, value);
        return new JsonObject { [SettingsOptions.MeetingSecurity] = value };
    }

    /// <summary>
    /// Applies a PATCH without <c>option</c>; throws before changing anything when the body is invalid. Returns the
    /// leaves that really changed, new and previous values (for the event), computed from the one full document the
    /// rules need anyway.
    /// </summary>
    public (JsonObject New, JsonObject Old) PatchFull(User user, JsonObject body)
    {
        var errors = new List<FieldError>();
        var clean = new JsonObject();
        foreach (var section in SettingsSchema.Sections)
        {
            if (!body.TryGetPropertyValue(section, out var value)) continue;
            if (value is not JsonObject obj) { errors.Add(new FieldError(section, "Invalid field.")); continue; }
            var cleaned = SettingsSchema.CleanPatch(Schema.Root.Children[section], obj, errors);
            if (cleaned.Count > 0) clean[section] = cleaned;
        }
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var after = Full(user);
        _inherited?.CheckLocks(clean, after, errors);
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var changes = Events.Changes.DiffPatch(after, clean);
        SettingsSchema.Merge(after, clean);
        SettingsRules.Check(user, clean, after);
        foreach (var (section, value) in clean)
        {
            if (_stored[section] is not JsonObject existing) _stored[section] = existing = new JsonObject();
            SettingsSchema.Merge(existing, value!.AsObject());
        }
        return changes;
    }

    public void PatchMeetingSecurity(JsonObject body)
    {
        if (body[SettingsOptions.MeetingSecurity] is not JsonObject obj) throw Fail.InvalidField(SettingsOptions.MeetingSecurity);
        var errors = new List<FieldError>();
        var clean = SettingsSchema.CleanPatch(Schema.Root.Children[SettingsOptions.MeetingSecurity], obj, errors);
        if (obj["block_user_domain_list"] is JsonArray list && (list.Count > 20 || list.Any(d => d?.GetValue<string>() is not { Length: >= 5 and <= 30 })))
            errors.Add(new FieldError("meeting_security.block_user_domain_list", "Invalid field."));
        _inherited?.CheckLocks(clean, MeetingSecurity()[SettingsOptions.MeetingSecurity]!.AsObject(), errors, SettingsOptions.MeetingSecurity);
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        if (_stored[SettingsOptions.MeetingSecurity] is not JsonObject existing) _stored[SettingsOptions.MeetingSecurity] = existing = new JsonObject();
        SettingsSchema.Merge(existing, clean);
    }

    // ---- authentication options (§5.3) ----

    static readonly string[] MeetingAuthTypes = ["enforce_login", "enforce_login_with_domains", "enforce_login_with_same_account"];
    static readonly string[] RecordingAuthTypes = ["enforce_login", "enforce_login_with_domains", "internally"];

    /// <summary>The options an account defines; ids are derived from the account so every node agrees on them.</summary>
    public static IReadOnlyList<JsonObject> AccountOptions(string accountId, string kind, IReadOnlyList<string> managedDomains)
    {
        string Id(string type)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}/{kind}/{type}"));
            return "signIn_" + Ids.Encode(hash.AsSpan(0, 16));
        }
        var domains = string.Join(",", managedDomains);
        var list = new List<JsonObject>
        {
            new() { ["id"] = Id("enforce_login"), ["name"] = "Sign in to Zoom", ["type"] = "enforce_login", ["visible"] = true, ["default_option"] = true },
            new() { ["id"] = Id("enforce_login_with_domains"), ["name"] = "Sign in to Zoom with specified domains", ["type"] = "enforce_login_with_domains", ["domains"] = domains, ["visible"] = true, ["default_option"] = false },
        };
        list.Add(kind == SettingsOptions.MeetingAuthentication
            ? new() { ["id"] = Id("enforce_login_with_same_account"), ["name"] = "Sign in to Zoom with the same account", ["type"] = "enforce_login_with_same_account", ["visible"] = true, ["default_option"] = false }
            : new() { ["id"] = Id("internally"), ["name"] = "Only users in my account", ["type"] = "internally", ["visible"] = true, ["default_option"] = false });
        return list;
    }

    JsonObject AuthState(string kind)
    {
        if (_stored[AuthKey] is not JsonObject auth) _stored[AuthKey] = auth = new JsonObject();
        if (auth[kind] is not JsonObject state) auth[kind] = state = new JsonObject();
        return state;
    }

    public JsonObject Authentication(string kind, string accountId, IReadOnlyList<string> managedDomains)
    {
        var state = (_stored[AuthKey] as JsonObject)?[kind] as JsonObject;
        var overrides = state?["options"] as JsonObject;
        var options = new JsonArray();
        foreach (var option in AccountOptions(accountId, kind, managedDomains))
        {
            if (overrides?[option["id"]!.GetValue<string>()] is JsonObject o) SettingsSchema.Merge(option, o);
            options.Add(option);
        }
        var result = new JsonObject { [kind] = state?["enabled"]?.GetValue<bool>() ?? false };
        if (kind == SettingsOptions.MeetingAuthentication)
            result["allow_authentication_exception"] = state?["allow_authentication_exception"]?.GetValue<bool>() ?? false;
        result["authentication_options"] = options;
        return result;
    }

    public void PatchAuthentication(string kind, JsonObject body, string accountId, IReadOnlyList<string> managedDomains)
    {
        var errors = new List<FieldError>();
        bool? enabled = null;
        if (body.TryGetPropertyValue(kind, out var flag))
        {
            if (flag?.GetValueKind() is JsonValueKind.True or JsonValueKind.False) enabled = flag.GetValue<bool>();
            else errors.Add(new FieldError(kind, "Invalid field."));
        }
        JsonObject? change = null;
        string? targetId = null;
        if (body.TryGetPropertyValue("authentication_option", out var optionNode))
        {
            if (optionNode is not JsonObject option) throw Fail.InvalidField("authentication_option");
            var action = Str(option, "action");
            if (action is not ("update" or "show" or "hide")) errors.Add(new FieldError("authentication_option.action", "Invalid field."));
            targetId = Str(option, "id");
            var known = AccountOptions(accountId, kind, managedDomains);
            var target = known.FirstOrDefault(o => o["id"]!.GetValue<string>() == targetId);
            if (target is null) errors.Add(new FieldError("authentication_option.id", "Invalid field."));
            var types = kind == SettingsOptions.MeetingAuthentication ? MeetingAuthTypes : RecordingAuthTypes;
            if (option["type"] is { } t && (t.GetValueKind() != JsonValueKind.String || !types.Contains(t.GetValue<string>())))
                errors.Add(new FieldError("authentication_option.type", "Invalid field."));
            if (target is not null && option["type"] is { } tt && tt.GetValueKind() == JsonValueKind.String && tt.GetValue<string>() != target["type"]!.GetValue<string>())
                errors.Add(new FieldError("authentication_option.type", "The type of an option is set by the account."));
            change = new JsonObject();
            switch (action)
            {
                case "show": change["visible"] = true; break;
                case "hide": change["visible"] = false; break;
                case "update":
                    foreach (var (field, kindOk) in new (string, JsonValueKind)[] { ("name", JsonValueKind.String), ("domains", JsonValueKind.String), ("default_option", JsonValueKind.True) })
                    {
                        if (!option.TryGetPropertyValue(field, out var v)) continue;
                        var vk = v?.GetValueKind();
                        var ok = kindOk == JsonValueKind.True ? vk is JsonValueKind.True or JsonValueKind.False : vk == kindOk;
                        if (ok) change[field] = v!.DeepClone();
                        else errors.Add(new FieldError($"authentication_option.{field}", "Invalid field."));
                    }
                    break;
            }
        }
        if (body.TryGetPropertyValue("allow_authentication_exception", out var exc) && kind == SettingsOptions.MeetingAuthentication
            && exc?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            errors.Add(new FieldError("allow_authentication_exception", "Invalid field."));
        if (errors.Count > 0) throw Fail.Validation([.. errors]);

        var state = AuthState(kind);
        if (enabled is { } e) state["enabled"] = e;
        if (kind == SettingsOptions.MeetingAuthentication && exc is not null) state["allow_authentication_exception"] = exc.GetValue<bool>();
        if (change is { Count: > 0 } && targetId is not null)
        {
            if (state["options"] is not JsonObject options) state["options"] = options = new JsonObject();
            if (change["default_option"]?.GetValue<bool>() == true)
                foreach (var other in AccountOptions(accountId, kind, managedDomains))
                {
                    var id = other["id"]!.GetValue<string>();
                    if (id == targetId) continue;
                    if (options[id] is not JsonObject o) options[id] = o = new JsonObject();
                    o["default_option"] = false;
                }
            if (options[targetId] is not JsonObject current) options[targetId] = current = new JsonObject();
            SettingsSchema.Merge(current, change);
        }
    }

    static string? Str(JsonObject o, string name)
        => o[name] is { } v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
