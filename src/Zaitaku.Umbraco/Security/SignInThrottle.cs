using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Zaitaku.Web.Security;

/// <summary>
/// Failures counted per key (a client address, or an account name) within a window, oldest first, in memory.
/// After <c>free</c> failures each further try must wait twice as long after the last failure (1, 2, 4 … s); at
/// <c>limit</c> failures the key waits until its oldest failure leaves the window.
/// </summary>
public sealed class FailureCounter(Func<TimeSpan> window)
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public TimeSpan? WaitFor(string key, int free, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures)) return null;
        lock (failures)
        {
            Expire(failures, now);
            if (failures.Count >= limit) return failures.Peek() + window() - now;
            if (failures.Count < free) return null;
            var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures.Count - free, 16)));
            var next = failures.Last() + delay;
            return next > now ? next - now : null;
        }
    }

    public void Failed(string key, DateTimeOffset now)
    {
        if (_failures.Count >= MaxKeys) Prune(now);
        var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    public void Forget(string key) => _failures.TryRemove(key, out _);

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && now - failures.Peek() >= window()) failures.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
            lock (failures)
            {
                Expire(failures, now);
                if (failures.Count == 0) _failures.TryRemove(key, out _);
            }
    }
}

/// <summary>
/// In front of Umbraco's sign-in endpoints (<c>…/security/back-office/login</c> and <c>…/verify-2fa</c>):
/// <list type="bullet">
/// <item>per client address, failures (any account, unknown ones too) slow the address down progressively and then stop
/// it for the window (OWASP ASVS 6.3.5): one machine cannot guess at, or lock, every account;</item>
/// <item>per account name (known or not), failures from all addresses together slow further tries on that name, so 40
/// addresses guessing one account are slowed as one;</item>
/// <item>one answer for every failed password sign-in: an unknown name, a wrong password, a locked account and a
/// disabled one (even with the right password, where Umbraco would answer 403 "User is locked"/"not allowed") all get
/// the same 401 body, after at least <see cref="SecurityOptions.FailedAnswerMilliseconds"/>.</item>
/// </list>
/// A client told to wait gets 429 with Retry-After and a Japanese reason, before any password is checked. Counts are
/// in memory, per server. The client address is the connection's (forwarded headers, if a proxy is in front, must be
/// configured by the host).
/// </summary>
public sealed class SignInThrottle
{
    public const string LoginPath = "/umbraco/management/api/v1/security/back-office/login";
    public const string VerifyPath = "/umbraco/management/api/v1/security/back-office/verify-2fa";

    /// <summary>The one answer to a failed password sign-in, whatever the reason.</summary>
    public static readonly string FailedBody = JsonSerializer.Serialize(new
    {
        type = "Error",
        title = "Invalid credentials",
        status = 401,
        detail = "メールアドレスまたはパスワードが違います。続けて5回間違えたアカウントは15分間ロックされます。時間をおいてお試しになるか、事務局にご連絡ください。",
    }, Json);

    /// <summary>Japanese left readable in the JSON.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly IOptionsMonitor<SecurityOptions> options;
    private readonly FailureCounter Addresses;
    private readonly FailureCounter Accounts;

    public SignInThrottle(IOptionsMonitor<SecurityOptions> options)
    {
        this.options = options;
        Addresses = new FailureCounter(() => Window);
        Accounts = new FailureCounter(() => Window);
    }

    private TimeSpan Window => TimeSpan.FromMinutes(options.CurrentValue.WindowMinutes);

    public static bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(VerifyPath, StringComparison.OrdinalIgnoreCase));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var o = options.CurrentValue;
        var started = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        var isLogin = context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);
        var address = "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var account = isLogin ? await AccountOfAsync(context.Request) : null;

        var wait = Max(Addresses.WaitFor(address, o.FreeFailuresPerAddress, o.FailuresPerAddress, now),
            account is null ? null : Accounts.WaitFor(account, o.FreeFailuresPerAccount, int.MaxValue, now));
        if (wait is { } w)
        {
            await TooManyAsync(context, w);
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

        var status = context.Response.StatusCode;
        var failed = isLogin ? status is 401 or 403 : status is 400 or 401 or 403;
        if (!failed)
        {
            if (isLogin && account is not null && status is 200 or 402) Accounts.Forget(account);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var floor = TimeSpan.FromMilliseconds(o.FailedAnswerMilliseconds);
        if (elapsed < floor) await Task.Delay(floor - elapsed, context.RequestAborted);
        // Counted when answered: the wait before the next try starts after this slow answer, not during it.
        var answered = DateTimeOffset.UtcNow;
        Addresses.Failed(address, answered);
        if (account is not null) Accounts.Failed(account, answered);
        if (isLogin)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(FailedBody, context.RequestAborted);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The account name the sign-in names (trimmed, lower case), read without consuming the body.</summary>
    private static async Task<string?> AccountOfAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("username", out var name) && name.ValueKind == JsonValueKind.String
                ? "account:" + name.GetString()!.Trim().ToLowerInvariant() : null;
        }
        catch (JsonException)
        {
            return null; // Umbraco answers 400 itself
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static Task TooManyAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        var when = seconds < 60 ? $"{seconds}秒" : $"{(seconds + 59) / 60}分";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            type = "Error",
            title = "Too many attempts",
            status = 429,
            detail = $"ログインの失敗が続いたため、しばらくお待ちください。{when}ほどたってから、もう一度お試しください。",
        }, Json), context.RequestAborted);
    }
}
