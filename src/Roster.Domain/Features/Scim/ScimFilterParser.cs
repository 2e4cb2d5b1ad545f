using System.Globalization;
using Roster.Domain.Errors;

namespace Roster.Domain.Scim;

/// <summary>
/// Recursive descent over RFC 7644's filter grammar: <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>; keywords
/// and operators are case-insensitive; values are JSON literals (strings with JSON escapes, numbers, true, false, null).
/// </summary>
/// <param name="parent">Inside a value path: the multi-valued attribute whose sub-attributes the inner filter names.</param>
internal sealed class ScimFilterParser(string text, ResolvedPath? parent)
{
    static readonly HashSet<string> Operators = new(StringComparer.OrdinalIgnoreCase) { "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le" };
    int _at;
    int _depth;

    public ScimFilter ParseAll()
    {
        var f = ParseOr();
        SkipSpace();
        if (_at < text.Length) throw Bad($"unexpected \"{text[_at..Math.Min(text.Length, _at + 20)]}\" at position {_at + 1}.");
        return f;
    }

    ScimFilter ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or")) left = new ScimFilter.Or(left, ParseAnd());
        return left;
    }

    ScimFilter ParseAnd()
    {
        var left = ParseUnary();
        while (TryKeyword("and")) left = new ScimFilter.And(left, ParseUnary());
        return left;
    }

    ScimFilter ParseUnary()
    {
        if (++_depth > 50) throw Bad("nested too deeply.");
        try
        {
            SkipSpace();
            var save = _at;
            if (TryKeyword("not"))
            {
                SkipSpace();
                if (Peek() == '(') return new ScimFilter.Not(Group());
                _at = save; // an attribute named "not…"
            }
            if (Peek() == '(') return Group();
            return ParseAttributeExpression();
        }
        finally
        {
            _depth--;
        }
    }

    ScimFilter Group()
    {
        _at++; // (
        var inner = ParseOr();
        SkipSpace();
        if (Peek() != ')') throw Bad("a \"(\" is not closed.");
        _at++;
        return inner;
    }

    ScimFilter ParseAttributeExpression()
    {
        var word = Word();
        if (word.Length == 0) throw Bad(_at < text.Length ? $"expected an attribute at position {_at + 1}." : "the filter ends early.");
        if (Peek() == '[')
        {
            if (parent is not null) throw Bad("value paths cannot be nested.");
            var path = ResolvePath(word);
            if (path.Sub is not null || path.Attribute.SubAttributes is null) throw Bad($"{word} has no sub-attributes to filter on.");
            var close = text.IndexOf(']', _at);
            if (close < 0) throw Bad("a \"[\" is not closed.");
            var inner = new ScimFilterParser(text[(_at + 1)..close], path).ParseAll();
            _at = close + 1;
            return new ScimFilter.ValuePath(path, inner);
        }
        var target = ResolvePath(word);
        SkipSpace();
        var op = Word();
        if (string.Equals(op, "pr", StringComparison.OrdinalIgnoreCase)) return new ScimFilter.Present(target);
        if (!Operators.Contains(op)) throw Bad(op.Length == 0 ? $"expected an operator after {word}." : $"unknown operator \"{op}\".");
        op = op.ToLowerInvariant();
        SkipSpace();
        var value = Value();
        Check(target, op, value, word);
        return new ScimFilter.Compare(target, op, value);
    }

    /// <summary>A path at the top, or a sub-attribute of the value path's attribute; a complex attribute without one means its <c>value</c>.</summary>
    ResolvedPath ResolvePath(string word)
    {
        ResolvedPath? path;
        if (parent is not null)
        {
            var sub = parent.Attribute.SubAttributes!.FirstOrDefault(a => string.Equals(a.Name, word, StringComparison.OrdinalIgnoreCase));
            path = sub is null ? null : parent with { Sub = sub, Relative = true };
        }
        else path = ScimSchema.Resolve(word);
        if (path is null) throw Bad($"{word} is not a filterable attribute of a User.");
        if (path.Sub is null && path.Attribute.Type == "complex" && Peek() != '[')
        {
            var value = path.Attribute.SubAttributes?.FirstOrDefault(a => a.Name == "value");
            path = value is null ? path : path with { Sub = value };
        }
        return path;
    }

    static void Check(ResolvedPath path, string op, JsonNode? value, string word)
    {
        if (path.Type == "complex") throw Bad($"{word} is complex: name one of its sub-attributes.");
        if (value is null)
        {
            if (op is not ("eq" or "ne")) throw Bad("null compares only with eq and ne.");
            return;
        }
        var kind = value.GetValueKind();
        switch (path.Type)
        {
            case "boolean":
                if (op is not ("eq" or "ne") || kind is not (JsonValueKind.True or JsonValueKind.False)) throw Bad($"{word} is boolean: use eq or ne with true or false.");
                break;
            case "dateTime":
                if (kind != JsonValueKind.String || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                    throw Bad($"{word} is a date-time: compare it with a quoted ISO 8601 time.");
                if (op is "co" or "sw" or "ew") throw Bad($"{word} is a date-time: use eq, ne, gt, ge, lt or le.");
                break;
            default:
                if (kind != JsonValueKind.String) throw Bad($"{word} is a string: compare it with a quoted value.");
                break;
        }
    }

    JsonNode? Value()
    {
        if (Peek() == '"')
        {
            var start = _at++;
            while (_at < text.Length && text[_at] != '"') _at += text[_at] == '\\' ? 2 : 1;
            if (_at >= text.Length) throw Bad("a string is not closed.");
            _at++;
            try
            {
                return JsonNode.Parse(text[start.._at]);
            }
            catch (JsonException)
            {
                throw Bad("a string has a malformed escape.");
            }
        }
        var word = Word();
        if (word.Length == 0) throw Bad("expected a value.");
        if (word == "null") return null;
        if (word is "true" or "false" || double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return JsonNode.Parse(word);
        throw Bad($"\"{word}\" is not a value: quote strings.");
    }

    bool TryKeyword(string keyword)
    {
        var save = _at;
        SkipSpace();
        if (string.Compare(text, _at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0)
        {
            var end = _at + keyword.Length;
            if (end == text.Length || char.IsWhiteSpace(text[end]) || text[end] == '(')
            {
                _at = end;
                return true;
            }
        }
        _at = save;
        return false;
    }

    string Word()
    {
        var start = _at;
        while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not ('(' or ')' or '[' or ']' or '"')) _at++;
        return text[start.._at];
    }

    char Peek() => _at < text.Length ? text[_at] : '\0';

    void SkipSpace()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
    }

    static ZoomException Bad(string why) => Fail.ScimInvalidFilter(why);
}
