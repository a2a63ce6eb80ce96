using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// What an attacker tried at sign-in (issue 11): replaying authenticator codes, telling who has an
/// account, locking everyone out from one machine, turning two-factor off from an open session,
/// keeping a session after the password changed, and common passwords in disguise.
/// </summary>
public sealed partial class SignInSecurityTests : IDisposable
{
    private const string AdminEmail = "jimukyoku@example.jp";
    private const string AdminPassword = "koriyama no kingyo ga oyogu";
    private readonly SiteFactory _factory = new();
    private readonly BackofficeClient _browser;

    public SignInSecurityTests() => _browser = new BackofficeClient(_factory);

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("<code class=\"shared-key\">([^<]+)</code>")]
    private static partial Regex SharedKey();

    private async Task InstallAndLoginAsync(BackofficeClient? client = null)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.InstallAsync(AdminEmail, AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await (client ?? _browser).LoginAsync(AdminEmail, AdminPassword)).StatusCode);
    }

    /// <summary>Turns two-factor on with a code of the previous step (so "now" stays unused) and signs out.</summary>
    private async Task<string> EnableTwoFactorAsync()
    {
        var key = SharedKey().Match(await _browser.Http.GetStringAsync("/umbraco/account/authenticator")).Groups[1].Value;
        var enable = await _browser.PostFormAsync("/umbraco/account/authenticator", "/umbraco/account/authenticator",
            ("Code", BackofficeClient.TotpCode(key, DateTime.UtcNow.AddSeconds(-30))));
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        return key;
    }

    private async Task<HttpResponseMessage> CodeAsync(BackofficeClient client, string code)
    {
        Assert.Equal("/umbraco/login/2fa", (await client.LoginAsync(AdminEmail, AdminPassword)).Headers.Location!.OriginalString);
        return await client.PostFormAsync("/umbraco/login/2fa", "/umbraco/login/2fa", ("Code", code));
    }

    private BackofficeClient ClientAt(string address)
    {
        var client = new BackofficeClient(_factory);
        client.Http.DefaultRequestHeaders.Add(SiteFactory.ClientAddressHeader, address);
        return client;
    }

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<bool> TwoFactorEnabledAsync() => WithServicesAsync(sp =>
        sp.GetRequiredService<ZaitakuDbContext>().Users.Where(u => u.Email == AdminEmail).Select(u => u.TwoFactorEnabled).SingleAsync());

    private Task<bool> CreateUserAsync(string email, string password) => WithServicesAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<EditorUser>>();
        var user = new EditorUser { UserName = email, Email = email, DisplayName = email };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, UserGroups.Reviewers);
        return true;
    });

    // ---- Authenticator codes are good once (ASVS 6.5.1), with one step of drift ----

    [Fact]
    public async Task The_same_authenticator_code_completes_only_one_sign_in()
    {
        await InstallAndLoginAsync();
        var key = await EnableTwoFactorAsync();
        await _browser.PostFormAsync("/umbraco", "/umbraco/logout");

        var code = BackofficeClient.TotpCode(key, DateTime.UtcNow);
        var first = await CodeAsync(_browser, code);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await _browser.PostFormAsync("/umbraco", "/umbraco/logout");

        // Someone who saw the code over the person's shoulder, a moment later in another browser.
        var replay = await CodeAsync(ClientAt("192.0.2.10"), code);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("一度使ったコードは使えません", Html.Text(await replay.Content.ReadAsStringAsync()));

        // The next code (one step ahead, as a phone whose clock runs a little fast shows it) still works.
        var next = await CodeAsync(_browser, BackofficeClient.TotpCode(key, DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task A_code_from_60_seconds_ago_is_refused()
    {
        await InstallAndLoginAsync();
        var key = await EnableTwoFactorAsync();
        await _browser.PostFormAsync("/umbraco", "/umbraco/logout");
        // Forget the code used to turn it on, so only the age of the code decides.
        await WithServicesAsync(sp => sp.GetRequiredService<ZaitakuDbContext>().Users
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, (long?)null)));

        var old = await CodeAsync(_browser, BackofficeClient.TotpCode(key, DateTime.UtcNow.AddSeconds(-60)));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var current = await CodeAsync(_browser, BackofficeClient.TotpCode(key, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
    }

    // ---- Sign-in does not tell who has an account ----

    [Fact]
    public async Task Unknown_wrong_locked_and_stopped_all_get_the_same_answer()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        await CreateUserAsync("locked@example.jp", "rokku sareta hito no pasuwado");
        await CreateUserAsync("stopped@example.jp", "tomerareta hito no pasuwado");
        await WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EditorUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("locked@example.jp"))!, DateTimeOffset.UtcNow.AddMinutes(15));
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("stopped@example.jp"))!, DateTimeOffset.MaxValue);
            return true;
        });

        var answers = new List<(HttpStatusCode Status, string Text)>();
        var i = 0;
        foreach (var (email, password) in new[]
        {
            ("nobody@example.jp", AdminPassword),                      // no such account
            (AdminEmail, "chigau pasuwado desu"),                      // wrong password
            ("locked@example.jp", "rokku sareta hito no pasuwado"),    // locked, right password
            ("stopped@example.jp", "tomerareta hito no pasuwado"),     // stopped, right password
        })
        {
            var response = await ClientAt($"192.0.2.{++i}").LoginAsync(email, password);
            var html = await response.Content.ReadAsStringAsync();
            answers.Add((response.StatusCode, Html.Text(html).Replace(email, "")));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.All(answers, a => Assert.Contains(Zaitaku.Web.Backoffice.Accounts.AccountController.SignInFailed, a.Text));
        Assert.All(answers, a => Assert.DoesNotContain("利用を止めて", a.Text));
        Assert.Single(answers.Select(a => a.Text).Distinct());
    }

    [Fact]
    public async Task An_unknown_address_costs_about_as_much_work_as_a_wrong_password()
    {
        using var factory = new SiteFactory()
            .WithSetting("Zaitaku:Backoffice:SignInFreeFailures", "1000").WithSetting("Zaitaku:Backoffice:SignInFailuresPerAddress", "1000");
        var client = new BackofficeClient(factory);
        await client.InstallAsync(AdminEmail, AdminPassword);
        await client.LoginAsync("warm-up@example.jp", "atatamete okimasu");

        static async Task<double> Timed(Func<Task> attempt)
        {
            var watch = Stopwatch.StartNew();
            await attempt();
            return watch.Elapsed.TotalMilliseconds;
        }
        var unknown = new List<double>();
        var known = new List<double>();
        for (var i = 0; i < 4; i++) // four wrong passwords: the account is not locked yet
        {
            unknown.Add(await Timed(() => client.LoginAsync($"nobody{i}@example.jp", "chigau pasuwado desu")));
            known.Add(await Timed(() => client.LoginAsync(AdminEmail, "chigau pasuwado desu")));
        }
        // Coarse: before, an unknown address answered in a tenth of the time (no password hashing).
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Assert.True(Median(unknown) * 3 > Median(known), $"unknown {Median(unknown):F0} ms, known {Median(known):F0} ms");
    }

    // ---- Throttling per client address ----

    [Fact]
    public async Task After_three_failures_a_client_must_wait_longer_each_time()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        var attacker = ClientAt("198.51.100.7");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await attacker.LoginAsync(AdminEmail, "chigau pasuwado " + i)).StatusCode);

        var refused = await attacker.LoginAsync(AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("秒ほどたってから", Html.Text(await refused.Content.ReadAsStringAsync()));
        // Another client is not held up by this one.
        Assert.Equal(HttpStatusCode.Redirect, (await ClientAt("192.0.2.50").LoginAsync(AdminEmail, AdminPassword)).StatusCode);

        _factory.Clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(HttpStatusCode.BadRequest, (await attacker.LoginAsync(AdminEmail, "chigau pasuwado 3")).StatusCode);
        var longer = await attacker.LoginAsync(AdminEmail, "chigau pasuwado 4");
        Assert.Equal(HttpStatusCode.TooManyRequests, longer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), longer.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task One_client_cannot_lock_every_account_administrators_included()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        string[] others = ["a@example.jp", "b@example.jp", "c@example.jp"];
        foreach (var email in others) await CreateUserAsync(email, "kakuin no nagai pasuwado");
        var attacker = ClientAt("198.51.100.9");
        var start = _factory.Clock.Now;

        // A patient attacker: five wrong passwords for each account, waiting whenever told to,
        // for as long as the first account stays locked (15 minutes).
        foreach (var email in others.Append(AdminEmail))
            for (var i = 0; i < 5; i++)
            {
                var response = await attacker.LoginAsync(email, "chigau pasuwado " + i);
                while (response.StatusCode == HttpStatusCode.TooManyRequests
                    && _factory.Clock.Now + response.Headers.RetryAfter!.Delta!.Value - start < TimeSpan.FromMinutes(14))
                {
                    _factory.Clock.Now += response.Headers.RetryAfter.Delta.Value;
                    response = await attacker.LoginAsync(email, "chigau pasuwado " + i);
                }
            }

        var locked = await WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EditorUser>>();
            var count = 0;
            foreach (var email in others.Append(AdminEmail))
                if (await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!)) count++;
            return count;
        });
        Assert.True(locked <= 2, $"{locked} accounts locked from one client");
        var office = ClientAt("192.0.2.60");
        Assert.Equal(HttpStatusCode.Redirect, (await office.LoginAsync(AdminEmail, AdminPassword)).StatusCode);
    }

    // ---- Turning two-factor off, and changing the password ----

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password_again_and_is_refused_while_mandatory()
    {
        await InstallAndLoginAsync();
        await EnableTwoFactorAsync();
        const string page = "/umbraco/account/authenticator";

        var bare = await _browser.PostFormAsync(page, page + "/disable");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("いまのパスワードか、認証アプリの確認コードを入力してください", Html.Text(await bare.Content.ReadAsStringAsync()));
        var wrong = await _browser.PostFormAsync(page, page + "/disable", ("confirmation", "chigau pasuwado desu"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True(await TwoFactorEnabledAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await _browser.PostFormAsync("/umbraco/users", "/umbraco/users/require-2fa", ("required", "true"))).StatusCode);
        var mandatory = await _browser.PostFormAsync(page, page + "/disable", ("confirmation", AdminPassword));
        Assert.Equal(HttpStatusCode.BadRequest, mandatory.StatusCode);
        Assert.Contains("必須のため、無効にできません", Html.Text(await mandatory.Content.ReadAsStringAsync()));
        Assert.True(await TwoFactorEnabledAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await _browser.PostFormAsync("/umbraco/users", "/umbraco/users/require-2fa", ("required", "false"))).StatusCode);
        var right = await _browser.PostFormAsync(page, page + "/disable", ("confirmation", AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.False(await TwoFactorEnabledAsync());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_at_once()
    {
        var other = ClientAt("192.0.2.70");
        await InstallAndLoginAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await other.LoginAsync(AdminEmail, AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/umbraco")).StatusCode);

        const string form = "/umbraco/account/password";
        var changed = await _browser.PostFormAsync(form, form, ("CurrentPassword", AdminPassword), ("NewPassword", "atarashii nagai pasuwado"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // No clock moves: not at the next security-stamp check, but now.
        var stale = await other.GetAsync("/umbraco");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/umbraco/login", BackofficeAccounts.Where(stale));
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco")).StatusCode);
    }

    // ---- Common passwords, in disguise too ----

    [Theory]
    [InlineData("admin1234567")]      // a common word and digits
    [InlineData("P@ssw0rd1234")]      // look-alike symbols
    [InlineData("qwertyuiopas")]      // a keyboard row carried on to the next
    [InlineData("zaitaku-12345")]     // the site's name and digits
    [InlineData("abc123abc123")]      // a short piece repeated
    [InlineData("Dragon2026!!!!")]    // Openwall's list, capitalised, with a year and symbols
    [InlineData("1qaz2wsx3edc")]      // down the keyboard's columns
    [InlineData("jimukyoku2026")]     // the account's own e-mail name
    [InlineData("monkeymonkey")]
    public async Task Common_passwords_and_their_disguises_are_refused(string password)
    {
        var response = await _browser.InstallAsync(AdminEmail, password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("使えません", Html.Text(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("kanrisha no nagai pasuwado")]
    [InlineData("sakura-no-hana-ga-saku")]
    [InlineData("Tsukimi dango 15ko")]
    [InlineData("kingyo-sukui 1992 natsu")]
    public void Long_passphrases_are_accepted(string password) =>
        Assert.Null(CommonPasswordValidator.Problem(password, AdminEmail));

    [Fact]
    public void The_common_password_list_is_shipped_with_its_source()
    {
        Assert.True(CommonPasswordValidator.ListedCount >= 3000, $"{CommonPasswordValidator.ListedCount} passwords listed");
        var header = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Backoffice", "Accounts", "openwall-password.lst")).Take(3).ToList();
        Assert.Contains("Openwall", header[0]);
        Assert.Contains("public domain", header[1]);
    }
}
