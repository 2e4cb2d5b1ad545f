using System.Text.RegularExpressions;

namespace Roster.Domain.Sandbox;

/// <summary>
/// Takes secrets out of what the journal keeps: the values of JSON members and form or query fields whose names say
/// they hold one (passwords, secrets, tokens, codes, keys), invitation tokens in paths and links, and anything of a
/// body that cannot be read as JSON or a form (it is kept as its size only).
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "code_verifier", "zak", "authorization", "key", "admin_key", "api_key", "assertion", "signature", "otp",
    };

    /// <summary>Page tokens are cursors, not credentials: kept so a journal shows paging.</summary>
    static readonly HashSet<string> HarmlessTokenNames = new(StringComparer.OrdinalIgnoreCase) { "next_page_token", "page_token" };

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SecretLookup = SecretNames.GetAlternateLookup<ReadOnlySpan<char>>();
    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> HarmlessLookup = HarmlessTokenNames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsSecretName(string name) => IsSecretName(name.AsSpan());

    public static bool IsSecretName(ReadOnlySpan<char> name)
        => !HarmlessLookup.Contains(name)
           && (SecretLookup.Contains(name)
               || name.Contains("password", StringComparison.OrdinalIgnoreCase)
               || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
               || name.Contains("token", StringComparison.OrdinalIgnoreCase)
               || name.Contains("csrf", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("/invitations/[^/?#\"\\s]+")]
    private static partial Regex InvitationPath();

    [GeneratedRegex("([?&])([A-Za-z0-9_.-]+)=([^&#\\s\"]*)")]
    private static partial Regex QueryField();

    /// <summary>A path, or any text holding links, with invitation tokens and secret query values cut out.</summary>
    public static string Path(string path)
    {
        var cut = path.Contains("/invitations/", StringComparison.Ordinal) ? InvitationPath().Replace(path, "/invitations/" + Mask) : path;
        return cut.Contains('=') ? QueryField().Replace(cut, m => IsSecretName(m.Groups[2].Value) ? $"{m.Groups[1].Value}{m.Groups[2].Value}={Mask}" : m.Value) : cut;
    }

    /// <summary>A JSON text with its secrets masked, or null when it is not JSON (then nothing of it is kept).</summary>
    public static string? Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    /// <summary>What a kept text longer than its limit ends with.</summary>
    public const string CutMark = "…(cut)";

    /// <summary>A text kept to its first <paramref name="maxChars"/> characters, marked when cut.</summary>
    public static string Cut(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars] + CutMark;

    // One output buffer and writer per thread, reused: masking is synchronous and a journal keeps every call's bodies.
    [ThreadStatic] static System.Buffers.ArrayBufferWriter<byte>? t_output;
    [ThreadStatic] static Utf8JsonWriter? t_writer;
    const int KeptOutputBytes = 256 * 1024;

    /// <summary>
    /// UTF-8 JSON with its secrets masked, read and written in one pass (no document is built): the scalar values of
    /// members with a secret name (and of arrays they hold) become <c>***</c>, except a numeric <c>code</c> (Zoom's error
    /// code; a string one may be an OAuth code); links in strings lose their tokens. Null when it is not JSON. The text
    /// is kept to its first <paramref name="maxChars"/> characters (see <see cref="Cut"/>).
    /// </summary>
    /// <remarks>
    /// Names and strings are copied as bytes: only an escaped name, or a string that may hold a link's token (it has
    /// <c>/invitations/</c> or <c>=</c>), is read as a .NET string first.
    /// </remarks>
    public static string? Json(ReadOnlySpan<byte> utf8, int maxChars = int.MaxValue)
    {
        var output = t_output ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        output.ResetWrittenCount();
        writer.Reset(output);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            // whether each open array or object masks its values, as a bit per depth (the reader stops at depth 64)
            ulong masking = 0;
            var depth = 0;
            var secretNext = false;
            var codeNext = false;
            Span<char> name = stackalloc char[64];
            while (reader.Read())
            {
                var mask = secretNext || (depth > 0 && (masking >> (depth - 1) & 1) != 0);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= name.Length && System.Text.Unicode.Utf8.ToUtf16(reader.ValueSpan, name, out _, out var chars) == System.Buffers.OperationStatus.Done)
                        {
                            writer.WritePropertyName(reader.ValueSpan);
                            secretNext = IsSecretName(name[..chars]);
                            codeNext = name[..chars] is "code";
                        }
                        else
                        {
                            var text = reader.GetString()!;
                            writer.WritePropertyName(text);
                            secretNext = IsSecretName(text);
                            codeNext = text == "code";
                        }
                        continue;
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        masking &= ~(1UL << depth++);
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        masking = mask ? masking | 1UL << depth : masking & ~(1UL << depth);
                        depth++;
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        depth--;
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        depth--;
                        break;
                    case JsonTokenType.Number when !(mask && !(secretNext && codeNext)):
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.String when !mask:
                        if (!reader.ValueIsEscaped && reader.ValueSpan.IndexOf((byte)'=') < 0 && reader.ValueSpan.IndexOf("/invitations/"u8) < 0)
                            writer.WriteStringValue(reader.ValueSpan);
                        else writer.WriteStringValue(Path(reader.GetString()!));
                        break;
                    case JsonTokenType.True or JsonTokenType.False when !mask:
                        writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    default:
                        writer.WriteStringValue(Mask);
                        break;
                }
                secretNext = false;
            }
            writer.Flush();
            return Text(output.WrittenSpan, maxChars);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // not JSON, or not UTF-8
            return null;
        }
        finally
        {
            if (output.Capacity > KeptOutputBytes)
            {
                t_output = null;
                t_writer = null;
            }
        }
    }

    /// <summary>UTF-8 as text, kept to its first <paramref name="maxChars"/> characters; the rest is not decoded.</summary>
    static string Text(ReadOnlySpan<byte> utf8, int maxChars)
    {
        if (utf8.Length <= maxChars) return Encoding.UTF8.GetString(utf8);
        // the first maxChars characters come from the first maxChars * 3 bytes (a UTF-16 unit takes 1 to 3 UTF-8
        // bytes), and 3 more keep a character cut at the end past them
        var head = utf8[..(int)Math.Min(utf8.Length, (long)maxChars * 3 + 3)];
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(head.Length));
        try
        {
            var n = Encoding.UTF8.GetChars(head, chars);
            return n <= maxChars && head.Length == utf8.Length ? new string(chars, 0, n) : new string(chars, 0, Math.Min(n, maxChars)) + CutMark;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A <c>name=value&amp;…</c> text (form body or query) with the values of secret fields masked.</summary>
    public static string Form(string text)
    {
        if (text.Length == 0) return text;
        var parts = text.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            var name = Uri.UnescapeDataString((eq < 0 ? parts[i] : parts[i][..eq]).Replace('+', ' '));
            if (IsSecretName(name)) parts[i] = (eq < 0 ? parts[i] : parts[i][..eq]) + "=" + Mask;
            else if (eq >= 0) parts[i] = parts[i][..eq] + "=" + Uri.EscapeDataString(Path(Uri.UnescapeDataString(parts[i][(eq + 1)..].Replace('+', ' '))));
        }
        return string.Join('&', parts);
    }
}
