using System.Text.Json.Serialization.Metadata;
using Roster.Domain.Errors;

namespace Roster.Server.Http;

/// <summary>Reads request bodies and query values strictly, answering Zoom's errors instead of the framework's.</summary>
public static class Input
{
    static bool IsJson(HttpRequest request)
        => request.ContentType is null
           || request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
           || request.ContentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>JSON bodies of the Users API are small; anything larger is refused before it is read.</summary>
    public const long MaxJsonBytes = 256 * 1024;

    static void CheckLength(HttpRequest request)
    {
        if (request.ContentLength > MaxJsonBytes) throw Fail.BodyTooLarge();
    }

    /// <summary>A required JSON body: malformed JSON, wrong value types or an empty body are 400/300.</summary>
    public static async Task<T> Json<T>(HttpRequest request, JsonTypeInfo<T> info) where T : class
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            try { return FormBodies.ToJson(form, info).Deserialize(info) ?? throw Fail.InvalidJson(); }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException) { throw Fail.InvalidJson(); }
        }
        if (!IsJson(request))
            throw Fail.UnsupportedContentType(request.ContentType);
        CheckLength(request);
        var body = await Body(request);
        try
        {
            var value = JsonSerializer.Deserialize(body, info);
            return value ?? throw Fail.InvalidJson();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw Fail.InvalidJson();
        }
    }

    public static async Task<JsonObject> JsonObject(HttpRequest request)
    {
        if (request.HasFormContentType) return FormBodies.ToJson(await request.ReadFormAsync(request.HttpContext.RequestAborted), null);
        if (!IsJson(request))
            throw Fail.UnsupportedContentType(request.ContentType);
        CheckLength(request);
        var body = await Body(request);
        try
        {
            var node = JsonNode.Parse(body, documentOptions: StrictDocument);
            var obj = node as JsonObject ?? throw Fail.InvalidJson();
            Materialize(obj);
            return obj;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // duplicate keys, invalid UTF-8 in a name or value: not a JSON object Roster can read
            throw Fail.InvalidJson();
        }
    }

    /// <summary>
    /// The whole body (at most <see cref="MaxJsonBytes"/>: the server's body limit ends a longer one), refused when a
    /// string in it holds a NUL character: no Zoom value has one and PostgreSQL cannot store one, so both engines
    /// answer the same 400. In JSON a NUL can only be written <c>\u0000</c>, so a body without that text costs one scan.
    /// </summary>
    static async Task<byte[]> Body(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.ToArray();
        if (bytes.AsSpan().IndexOf("\\u0000"u8) >= 0) RejectNul(bytes);
        return bytes;
    }

    static void RejectNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && reader.GetString()!.Contains('\0'))
                    throw Fail.UnstorableText();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // not JSON Roster can read: the parse that follows says so in Zoom's shape
        }
    }

    /// <summary>Duplicate property names are refused rather than silently resolved one way or the other.</summary>
    static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Walks the whole tree once, so that anything a lazy node would throw later throws here, as a 400.</summary>
    static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o) { _ = name.Length; Materialize(value); }
                break;
            case JsonArray a:
                foreach (var item in a) Materialize(item);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                _ = v.GetValue<string>();
                break;
        }
    }

    public static int? Int(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField(name);
    }

    public static long? Long(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField(name);
    }

    public static bool? Bool(string? value, string name) => value switch
    {
        null or "" => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => throw Fail.InvalidField(name),
    };
}
