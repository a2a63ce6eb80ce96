using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Accounts;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// Umbraco's real sign-in endpoints with our hardening, over HTTP, each test from loopback addresses of its own.
/// Alone on the site: they make users and count failures.
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class SignInSecurityTests
{
    private const string Password = "kingyo ga oyogu natsu no ike";

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20] + "@example.jp";

    [Fact]
    public async Task Unknown_wrong_locked_and_disabled_accounts_get_the_same_answer_in_about_the_same_time()
    {
        var wrong = await SignInClients.CreateUserAsync(Unique("wrong"), Password, "editor");
        var locked = await SignInClients.CreateUserAsync(Unique("locked"), Password, "editor");
        var disabled = await SignInClients.CreateUserAsync(Unique("disabled"), Password, "editor");
        await SignInClients.DisableAsync(disabled);
        // Five wrong passwords lock the account (each from another address, so no address is slowed).
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInClients.From(SignInClients.NewAddress()).LoginAsync(locked.Email, "chigau pasuwado " + i)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the account's own delay after five failures

        var answers = new List<(string Case, HttpStatusCode Status, string Body, TimeSpan Took)>();
        foreach (var (name, email, password) in new[]
        {
            ("unknown", Unique("nobody"), Password),
            ("wrong", wrong.Email, "chigau pasuwado desu"),
            ("locked, right password", locked.Email, Password),
            ("disabled, right password", disabled.Email, Password),
        })
        {
            using var client = SignInClients.From(SignInClients.NewAddress());
            var watch = Stopwatch.StartNew();
            using var response = await client.LoginAsync(email, password);
            answers.Add((name, response.StatusCode, await response.Content.ReadAsStringAsync(), watch.Elapsed));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("メールアドレスまたはパスワードが違います", JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("detail").GetString());
        var times = answers.Select(a => a.Took.TotalMilliseconds).ToList();
        Assert.All(times, t => Assert.InRange(t, 950, 4000));
        Assert.True(times.Max() - times.Min() < 1500, string.Join(", ", answers.Select(a => $"{a.Case}: {a.Took.TotalMilliseconds:F0} ms")));

        // The right password still signs the healthy account in.
        using var right = SignInClients.From(SignInClients.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await right.LoginAsync(wrong.Email, Password)).StatusCode);
    }

    [Fact]
    public async Task One_address_is_slowed_after_three_failures_and_told_how_long_to_wait()
    {
        using var client = SignInClients.From(SignInClients.NewAddress());
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(Unique("guess" + i), "chigau pasuwado desu")).StatusCode);

        using var slowed = await client.LoginAsync(Unique("guess3"), "chigau pasuwado desu");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.NotNull(slowed.Headers.RetryAfter?.Delta);
        Assert.Contains("しばらくお待ちください", JsonDocument.Parse(await slowed.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        // After the wait it may try again (1 s after three failures; then 2, 4, 8 … s).
        await Task.Delay(slowed.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(Unique("guess4"), "chigau pasuwado desu")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.LoginAsync(Unique("guess5"), "chigau pasuwado desu")).StatusCode);

        // Another machine is not slowed by this one.
        using var other = SignInClients.From(SignInClients.NewAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.LoginAsync(Unique("guess5"), "chigau pasuwado desu")).StatusCode);
    }

    [Fact]
    public async Task Forty_addresses_guessing_one_account_are_slowed_as_one()
    {
        var target = await SignInClients.CreateUserAsync(Unique("target"), Password, "editor");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var client = SignInClients.From(SignInClients.NewAddress());
            answers.Add((await client.LoginAsync(target.Email.ToUpperInvariant(), "guess number " + i)).StatusCode);
        }
        Assert.All(answers.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var slowed = answers.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.True(slowed >= 30, $"{slowed} of 40 guesses were slowed");
    }

    [Theory]
    [InlineData("abcd1234abcd", "使えません")]
    [InlineData("あいうえおかきくけこさし", "使えません")]
    [InlineData("P@ssw0rd1234", "使えません")]
    [InlineData("kuruma-ga-1", "12")]
    public async Task Weak_passwords_are_refused_by_Umbraco_in_Japanese(string password, string expected)
    {
        var user = await SignInClients.CreateUserAsync(Unique("weak"), Password, "editor");
        var admin = await ManagementApi.AsAdminAsync();
        using var response = await admin.PostAsJsonAsync($"user/{user.Key}/change-password", new { newPassword = password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The backoffice shows the problem's detail under the password field.
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(expected, detail);

        using var good = await admin.PostAsJsonAsync($"user/{user.Key}/change-password", new { newPassword = "natsu no yoru no hanabi taikai" });
        Assert.True(good.IsSuccessStatusCode, await good.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_with_one_step_of_drift()
    {
        var user = await SignInClients.CreateUserAsync(Unique("totp"), Password, "editor");
        var secret = Guid.NewGuid().ToString();
        var key = Encoding.UTF8.GetBytes(secret);
        var now = Totp.StepAt(DateTimeOffset.UtcNow);
        var twoFactor = SiteFactory.Shared.Services.GetRequiredService<IUserTwoFactorLoginService>();
        var saved = await twoFactor.ValidateAndSaveAsync(AuthenticatorApp.Name, user.Key, secret, Totp.Code(key, now - 1));
        Assert.True(saved.Success, saved.Result.ToString());

        async Task<HttpStatusCode> SignInWith(string code)
        {
            using var client = SignInClients.From(SignInClients.NewAddress());
            using var first = await client.LoginAsync(user.Email, Password);
            Assert.Equal(HttpStatusCode.PaymentRequired, first.StatusCode);
            Assert.Contains(AuthenticatorApp.Name, await first.Content.ReadAsStringAsync());
            using var verify = await client.PostAsJsonAsync(SignInClients.Verify, new { code, provider = AuthenticatorApp.Name });
            return verify.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await SignInWith(Totp.Code(key, now - 1)));   // used to turn it on
        Assert.Equal(HttpStatusCode.BadRequest, await SignInWith(Totp.Code(key, now - 3)));   // too old
        Assert.Equal(HttpStatusCode.OK, await SignInWith(Totp.Code(key, now)));
        Assert.Equal(HttpStatusCode.BadRequest, await SignInWith(Totp.Code(key, now)));       // once only
        Assert.Equal(HttpStatusCode.OK, await SignInWith(Totp.Code(key, now + 1)));           // a phone a little ahead
    }

    [Fact]
    public async Task Guessing_authenticator_codes_from_one_address_is_slowed()
    {
        var user = await SignInClients.CreateUserAsync(Unique("guesscode"), Password, "editor");
        var secret = Guid.NewGuid().ToString();
        var key = Encoding.UTF8.GetBytes(secret);
        var saved = await SiteFactory.Shared.Services.GetRequiredService<IUserTwoFactorLoginService>()
            .ValidateAndSaveAsync(AuthenticatorApp.Name, user.Key, secret, Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)));
        Assert.True(saved.Success);

        using var client = SignInClients.From(SignInClients.NewAddress());
        Assert.Equal(HttpStatusCode.PaymentRequired, (await client.LoginAsync(user.Email, Password)).StatusCode);
        var answers = new List<HttpStatusCode>();
        foreach (var guess in new[] { "000000", "111111", "222222", "333333" })
        {
            using var verify = await client.PostAsJsonAsync(SignInClients.Verify, new { code = guess, provider = AuthenticatorApp.Name });
            answers.Add(verify.StatusCode);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
    }
}
