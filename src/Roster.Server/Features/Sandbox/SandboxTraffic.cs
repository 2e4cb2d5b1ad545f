using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using System.Text;
using Roster.Domain.Sandbox;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Hosting;

/// <summary>
/// The sandbox's hold on API traffic: the request journal (outermost, so it sees the bytes that were sent) and fault
/// injection (after routing, before the endpoint, so a fault changes nothing). Neither touches the sandbox's own
/// calls, health checks or the API reference.
/// </summary>
public static class SandboxTraffic
{
    /// <summary>Raw bytes of a body read for the journal; a longer body is kept as its size only.</summary>
    const int CaptureBytes = 64 * 1024;
    const string FaultItem = "roster.fault";

    public static bool Watched(PathString path)
        => !(path.StartsWithSegments("/roster/v1/sandbox") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
             || path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/console") || path.StartsWithSegments("/favicon.ico"));

    /// <summary>
    /// <c>Sandbox:Journal:Enabled</c> (default true), <c>Sandbox:Journal:Capacity</c> (entries, default 5,000),
    /// <c>Sandbox:Journal:MaxBodyChars</c> (default 4,096).
    /// </summary>
    public static IServiceCollection AddSandboxTraffic(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp => new FaultRules(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IRosterStore>()));
        if (!string.Equals(config["Sandbox:Journal:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton(new RequestJournal(config.GetValue("Sandbox:Journal:Capacity", 5_000), config.GetValue("Sandbox:Journal:MaxBodyChars", 4_096)));
        return services;
    }

    public static IApplicationBuilder UseRequestJournal(this IApplicationBuilder app)
    {
        var journal = app.ApplicationServices.GetService<RequestJournal>();
        if (journal is null) return app;
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            if (!Watched(context.Request.Path))
            {
                await next(context);
                return;
            }
            var at = clock.GetUtcNow();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var request = context.Request;
            if (Readable(request)) request.EnableBuffering((int)Input.MaxJsonBytes); // in memory; the body limit bounds it
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            using var capture = new CapturedResponse(body, CaptureBytes);
            context.Features.Set<IHttpResponseBodyFeature>(capture);
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
                try
                {
                    await RecordAsync(journal, context, capture, at, started);
                }
                catch (Exception e)
                {
                    // the journal never breaks a call; what it could not keep is said in the log (no body, no query)
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Roster.Journal")
                        .LogWarning("Could not journal {Method} {Path}: {Error}", request.Method, RequestLogging.SafePath(request.Path), e.GetType().Name);
                }
            }
        });
    }

    static async Task RecordAsync(RequestJournal journal, HttpContext context, CapturedResponse capture, DateTimeOffset at, long started)
    {
        var request = context.Request;
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
        string? requestBody = null;
        if (Readable(request)) requestBody = await ReadRequestAsync(request, journal.MaxBodyChars);
        else if (request.ContentLength > 0) requestBody = Redaction.Cut($"({request.ContentLength} bytes {request.ContentType})", journal.MaxBodyChars);
        var responseBody = Kept(capture.Kept, context.Response.ContentType, capture.Total, capture.Overflowed, journal.MaxBodyChars);
        int? code = null;
        if (status >= 400 && responseBody is not null && responseBody.StartsWith('{'))
            try
            {
                if (JsonNode.Parse(responseBody)?["code"] is JsonValue c && c.TryGetValue<int>(out var n)) code = n;
            }
            catch (JsonException)
            {
                // a cut body: no code
            }
        journal.Add(new JournalEntry(0, at, request.Method, Redaction.Path(request.Path.Value ?? "/"),
            request.QueryString.HasValue ? Redaction.Form(request.QueryString.Value![1..]) : null,
            context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            context.TryCaller()?.AccountId, request.RouteValues.TryGetValue("userId", out var u) && u is string user ? Redaction.Path(user) : null,
            status, code, Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
            requestBody, responseBody,
            context.Items[FaultItem] as string, context.Response.Headers[Tracking.Header].ToString() is { Length: > 0 } t ? t : null));
    }

    static bool Readable(HttpRequest request) => Textual(request.ContentType) && request.ContentLength is null or (> 0 and <= Input.MaxJsonBytes);

    /// <summary>Placed after routing and before the endpoints: the fault a rule sets for this call, if any.</summary>
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app)
    {
        var faults = app.ApplicationServices.GetRequiredService<FaultRules>();
        return app.Use(async (context, next) =>
        {
            if (!faults.Any || !Watched(context.Request.Path))
            {
                await next(context);
                return;
            }
            Caller? caller = null;
            if (faults.NeedCaller && context.Request.Headers.Authorization.Count > 0)
                try
                {
                    caller = await context.RequestServices.GetRequiredService<AccessTokens>().ValidateAsync(context.Request.Headers.Authorization);
                    context.SetCaller(caller);
                }
                catch (ZoomException)
                {
                    // not a valid token: no account or user to match
                }
            var endpoint = context.GetEndpoint();
            var hit = faults.Match(new CallFacts(context.Request.Method, context.Request.Path.Value ?? "/",
                endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, caller?.AccountId,
                context.Request.RouteValues.TryGetValue("userId", out var u) ? u as string : null, caller?.UserId));
            if (hit is null)
            {
                await next(context);
                return;
            }
            context.Items[FaultItem] = hit.RuleId;
            if (hit.Delay > TimeSpan.Zero) await Task.Delay(hit.Delay, context.RequestAborted);
            switch (hit.Spec.Kind)
            {
                case FaultKind.Delay:
                    await next(context);
                    return;
                case FaultKind.Drop:
                    context.Abort();
                    return;
            }
            // a 429's headers name the operation's category and the caller's plan's limit, as a real one does
            var label = endpoint?.Metadata.GetMetadata<Operation>()?.Label ?? RateLabel.Light;
            var limit = 0;
            if (hit.Spec.Kind is FaultKind.RateLimit or FaultKind.DailyLimit)
            {
                var plan = caller is null ? Plans.Pro
                    : (await context.RequestServices.GetRequiredService<AccountFacts>().OfAsync(caller.AccountId, context.RequestAborted)).Plan;
                limit = context.RequestServices.GetRequiredService<Domain.Limits.RateLimiter>().LimitFor(plan, label);
            }
            throw new ZoomException(FaultRules.ErrorOf(hit.Spec, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), label.ToString(), limit)!);
        });
    }

    static bool Textual(string? contentType)
        => contentType is not null
           && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
               || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
               || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    static async Task<string?> ReadRequestAsync(HttpRequest request, int maxChars)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CaptureBytes + 1);
        try
        {
            request.Body.Position = 0;
            var read = 0;
            while (read < CaptureBytes + 1)
            {
                var n = await request.Body.ReadAsync(buffer.AsMemory(read, CaptureBytes + 1 - read));
                if (n == 0) break;
                read += n;
            }
            if (read > CaptureBytes) return Redaction.Cut($"(more than {CaptureBytes} bytes {request.ContentType})", maxChars);
            return Kept(buffer.AsSpan(0, read), request.ContentType, read, overflowed: false, maxChars);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or InvalidOperationException or OperationCanceledException or NotSupportedException)
        {
            return Redaction.Cut("(body not read)", maxChars);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What of a body may be kept: JSON and forms with their secrets masked, cut to the journal's length; anything else as its size only.</summary>
    static string? Kept(ReadOnlySpan<byte> bytes, string? contentType, long total, bool overflowed, int maxChars)
    {
        if (total == 0) return null;
        if (!overflowed && contentType is not null)
        {
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && Redaction.Json(bytes, maxChars) is { } json) return json;
            if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                return Redaction.Cut(Redaction.Form(Encoding.UTF8.GetString(bytes).Trim()), maxChars);
        }
        return Redaction.Cut($"({total} bytes {contentType})", maxChars); // a response's size is counted whole, past what is copied
    }

    /// <summary>
    /// The response as the endpoint writes it, passed straight to the server's own writer (no stream and no buffer in
    /// between) while its first bytes are copied into a pooled buffer for the journal.
    /// </summary>
    sealed class CapturedResponse : IHttpResponseBodyFeature, IDisposable
    {
        readonly IHttpResponseBodyFeature _inner;
        readonly int _limit;
        readonly Tee _writer;
        Stream? _stream;
        byte[]? _kept;
        int _count;

        public CapturedResponse(IHttpResponseBodyFeature inner, int limit)
        {
            _inner = inner;
            _limit = limit;
            _writer = new Tee(inner.Writer, this);
        }

        public bool Overflowed { get; private set; }
        public long Total { get; private set; }
        public ReadOnlySpan<byte> Kept => _kept.AsSpan(0, _count);

        void Keep(ReadOnlySpan<byte> data)
        {
            Total += data.Length;
            if (Overflowed || data.IsEmpty) return;
            if (_count + data.Length > _limit)
            {
                // a body over the limit is kept as its size only: nothing more is copied
                Overflowed = true;
                return;
            }
            if (_kept is null || _kept.Length - _count < data.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_count + data.Length, Math.Min(_limit, Math.Max(4096, _count * 2))));
                if (_kept is not null)
                {
                    _kept.AsSpan(0, _count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_kept);
                }
                _kept = larger;
            }
            data.CopyTo(_kept.AsSpan(_count));
            _count += data.Length;
        }

        public Stream Stream => _stream ??= _writer.AsStream(leaveOpen: true);
        public PipeWriter Writer => _writer;
        public void DisableBuffering() => _inner.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
            => SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);
        public Task CompleteAsync() => _inner.CompleteAsync();

        public void Dispose()
        {
            if (_kept is not null) ArrayPool<byte>.Shared.Return(_kept);
            _kept = null;
            _count = 0;
        }

        /// <summary>The server's writer, with every advanced byte also shown to the capture.</summary>
        sealed class Tee(PipeWriter inner, CapturedResponse capture) : PipeWriter
        {
            Memory<byte> _lent;

            public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);
            public override Span<byte> GetSpan(int sizeHint = 0) => (_lent = inner.GetMemory(sizeHint)).Span;

            public override void Advance(int bytes)
            {
                capture.Keep(_lent.Span[..bytes]);
                _lent = _lent[bytes..];
                inner.Advance(bytes);
            }

            public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
            {
                capture.Keep(source.Span);
                return inner.WriteAsync(source, cancellationToken);
            }

            public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
            public override void CancelPendingFlush() => inner.CancelPendingFlush();
            public override void Complete(Exception? exception = null) => inner.Complete(exception);
            public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
            public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
            public override long UnflushedBytes => inner.UnflushedBytes;
        }
    }
}
