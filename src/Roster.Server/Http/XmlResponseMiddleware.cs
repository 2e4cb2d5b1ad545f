using System.Text;
using System.Xml;

namespace Roster.Server.Http;

/// <summary>
/// <c>Accept: application/xml</c>: the same response, as XML (Zoom's docs list XML but publish no mapping; this is
/// Roster's, recorded in docs/compatibility.md). The root is <c>&lt;response&gt;</c>, or <c>&lt;error&gt;</c> for
/// errors; each JSON property becomes an element; an array becomes its element with one child per item, named
/// by the singular of the array's name (<c>users</c> → <c>user</c>, else <c>item</c>); numbers and booleans are
/// written as JSON writes them; null is an empty element with <c>nil="true"</c>. JSON stays the default and wins
/// when the client accepts both equally.
/// </summary>
public sealed class XmlResponseMiddleware(RequestDelegate next)
{
    public static bool WantsXml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is not { Count: > 0 }) return false;
        var xml = accept.Where(a => a.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        return xml > 0 && xml > json;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!WantsXml(context.Request))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        var type = context.Response.ContentType ?? "";
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || buffer.Length == 0)
        {
            await buffer.CopyToAsync(original);
            return;
        }
        byte[] xml;
        try
        {
            using var doc = await JsonDocument.ParseAsync(buffer);
            xml = ToXml(doc.RootElement, context.Response.StatusCode >= 400 ? "error" : "response");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or XmlException or InvalidOperationException)
        {
            // never lose an answer over its translation: send the JSON as it was
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
            return;
        }
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.ContentLength = xml.Length;
        await original.WriteAsync(xml);
    }

    public static byte[] ToXml(JsonElement root, string rootName)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            Write(writer, rootName, root);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// XML 1.0 cannot carry most control characters (not even as character references); Roster writes each as the
    /// JSON escape <c>\uXXXX</c> in the text, so a value holding one never breaks a response (compatibility.md).
    /// </summary>
    public static string XmlSafe(string text)
    {
        StringBuilder? sb = null; // made only when the text needs a change
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsSurrogatePair(text, i);
            var bad = !pair && !XmlConvert.IsXmlChar(text[i]);
            if (bad) (sb ??= new StringBuilder(text.Length + 8).Append(text, 0, i)).Append("\\u").Append(((int)text[i]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb?.Append(text, i, pair ? 2 : 1);
            if (pair) i++;
        }
        return sb?.ToString() ?? text;
    }

    static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') && name.Length > 1 ? name[..^1] : "item";

    static void Write(XmlWriter w, string name, JsonElement value)
    {
        w.WriteStartElement(XmlConvert.EncodeLocalName(name));
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Write(w, p.Name, p.Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Write(w, Singular(name), item);
                break;
            case JsonValueKind.Null:
                w.WriteAttributeString("nil", "true");
                break;
            case JsonValueKind.String:
                w.WriteString(XmlSafe(value.GetString()!));
                break;
            default:
                w.WriteString(value.GetRawText());
                break;
        }
        w.WriteEndElement();
    }
}
