using System.Net.Sockets;
using Roster.Domain.Webhooks;

namespace Roster.Server.Webhooks;

/// <summary>
/// Posts webhook requests: never follows a redirect, gives up after Zoom's 3 seconds, connects only to allowed
/// networks, reads at most the start of the answer. Every way a request can fail ends in a status (negative when no
/// HTTP answer came) and a reason, never an exception.
/// </summary>
public sealed class WebhookSender : IWebhookSender, IDisposable
{
    public const int MaxResponseBytes = 4096;
    readonly HttpClient _http;
    readonly TimeSpan _timeout;

    public WebhookSender(DeliveryNetworks networks, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? WebhookRules.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _timeout,
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
                var allowed = addresses.Where(networks.Allows).ToArray();
                if (allowed.Length == 0) throw new AddressNotAllowed(host);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<SendOutcome> PostAsync(string url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        long Ms() => started.ElapsedMilliseconds;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadStartAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            string? failure = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"HTTP {status} (redirects are not followed)",
                _ => $"HTTP {status}",
            };
            return new SendOutcome(status, Ms(), failure, text);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendFailures.Timeout, Ms(), $"timeout: no answer within {_timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException e) when (Find<AddressNotAllowed>(e) is { } refused)
        {
            return new SendOutcome(SendFailures.Forbidden, Ms(), refused.Message, null);
        }
        catch (HttpRequestException e) when (Find<System.Security.Authentication.AuthenticationException>(e) is { } tls)
        {
            return new SendOutcome(SendFailures.Tls, Ms(), $"TLS: {tls.Message}", null);
        }
        catch (HttpRequestException e) when (Find<SocketException>(e) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => new SendOutcome(SendFailures.Refused, Ms(), "connection refused", null),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => new SendOutcome(SendFailures.Dns, Ms(), $"DNS: {socket.Message}", null),
                SocketError.TimedOut => new SendOutcome(SendFailures.Timeout, Ms(), "timeout: connecting", null),
                _ => new SendOutcome(SendFailures.Network, Ms(), $"network: {socket.SocketErrorCode}", null),
            };
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(SendFailures.Network, Ms(), $"network: {e.HttpRequestError}", null);
        }
        catch (IOException e)
        {
            return new SendOutcome(SendFailures.Network, Ms(), $"network: {e.Message}", null);
        }
    }

    static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T t) return t;
        return null;
    }

    /// <summary>The start of the answer, as text: at most <see cref="MaxResponseBytes"/> bytes are read.</summary>
    static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => _http.Dispose();
}
