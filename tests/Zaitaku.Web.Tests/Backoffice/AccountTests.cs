using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>Install, sign-in, lockout, two-factor, sessions: what the secretariat and editors go through.</summary>
public sealed partial class AccountTests : IDisposable
{
    private const string AdminEmail = "jimukyoku@example.jp";
    private const string AdminPassword = "koriyama no kingyo ga oyogu";
    private readonly SiteFactory _factory = new();
    private readonly BackofficeClient _browser;

    public AccountTests() => _browser = new BackofficeClient(_factory);

    public void Dispose() => _factory.Dispose();

    private Task<List<string>> AuditActionsAsync() =>
        _factory.WithDatabaseAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private async Task InstallAndLoginAsync()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.InstallAsync(AdminEmail, AdminPassword)).StatusCode);
        var login = await _browser.LoginAsync(AdminEmail, AdminPassword);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, Html.Text(await login.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Before_install_the_backoffice_leads_to_the_install_page_and_after_it_the_page_is_gone()
    {
        var dashboard = await _browser.GetAsync("/umbraco");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/umbraco/login", dashboard.Headers.Location!.PathAndQuery);
        var login = await _browser.GetAsync("/umbraco/login");
        Assert.Equal("/umbraco/install", login.Headers.Location!.OriginalString);

        var install = await _browser.InstallAsync(AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/umbraco/install")).StatusCode);
        var second = await _browser.Http.PostAsync("/umbraco/install", new FormUrlEncodedContent([KeyValuePair.Create("Email", "intruder@example.jp")]));
        Assert.True(second.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Contains("account.install", await AuditActionsAsync());
    }

    [Theory]
    [InlineData("short", "12文字以上")]
    [InlineData("password1234", "よく使われているパスワード")]
    [InlineData("aaaaaaaaaaaaaaaa", "同じ文字のくり返し")]
    [InlineData("1234567890123", "並びそのまま")]
    [InlineData("jimukyoku-no-pass", "メールアドレスを含む")]
    public async Task A_weak_password_is_refused_beside_the_field_and_the_other_fields_are_kept(string password, string message)
    {
        var response = await _browser.InstallAsync(AdminEmail, password, name: "郡山 花子");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("id=\"Password-error\"", html);
        Assert.Matches("<input[^>]*aria-invalid=\"true\"[^>]*id=\"Password\"|<input[^>]*id=\"Password\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"郡山 花子\"", html);
        Assert.Contains($"value=\"{AdminEmail}\"", html);
        Assert.DoesNotContain($"value=\"{password}\"", html);
    }

    [Fact]
    public async Task Over_plain_http_the_backoffice_refuses_with_a_japanese_page_and_public_pages_still_work()
    {
        var http = _factory.CreatePlainClient(); // http://localhost

        var response = await http.GetAsync("/umbraco/install");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("HTTPS でご利用ください", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/columns/")).StatusCode);
    }

    [Fact]
    public async Task A_long_passphrase_without_symbols_or_capitals_is_accepted()
    {
        var response = await _browser.InstallAsync(AdminEmail, "kingyo sukui to ohanami");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var response = await _browser.Http.PostAsync("/umbraco/install", new FormUrlEncodedContent(
            [KeyValuePair.Create("DisplayName", "x"), KeyValuePair.Create("Email", AdminEmail), KeyValuePair.Create("Password", AdminPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco/install")).StatusCode); // still not installed
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await _browser.LoginAsync(AdminEmail, "machigai no pasuwado " + i);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            _factory.Clock.Now += TimeSpan.FromMinutes(1); // slower than the per-address throttle (SignInSecurityTests)
        }
        var right = await _browser.LoginAsync(AdminEmail, AdminPassword);
        var html = await right.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("ロックされています", html);
        // The right password gets the same answer as a wrong one: a lockout must not confirm guesses.
        Assert.Contains(Zaitaku.Web.Backoffice.Accounts.AccountController.SignInFailed, html);
        Assert.Contains("account.lockout", await AuditActionsAsync());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_message_as_a_wrong_password()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        var unknown = await (await _browser.LoginAsync("nobody@example.jp", AdminPassword)).Content.ReadAsStringAsync();
        var wrong = await (await _browser.LoginAsync(AdminEmail, "chigau pasuwado desu")).Content.ReadAsStringAsync();

        Assert.Contains("メールアドレスまたはパスワードが違います。", unknown);
        Assert.Contains("メールアドレスまたはパスワードが違います。", wrong);
    }

    [Fact]
    public async Task The_session_cookie_is_secure_http_only_strict_and_limited_to_the_backoffice()
    {
        await _browser.InstallAsync(AdminEmail, AdminPassword);
        var login = await _browser.LoginAsync(AdminEmail, AdminPassword);

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Zaitaku.Backoffice="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/umbraco", cookie, StringComparison.OrdinalIgnoreCase);
        // The cookie is a key to a server-side session, not the signed-in identity itself.
        Assert.True(cookie.Split(';')[0].Length < 1500);

        var publicPage = await _browser.GetAsync("/");
        Assert.False(publicPage.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Logout_revokes_the_session_so_a_copied_cookie_no_longer_works()
    {
        await InstallAndLoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco")).StatusCode);
        var stolen = _browser.Cookies.GetCookieHeader(new Uri("https://localhost/umbraco"));

        var logout = await _browser.PostFormAsync("/umbraco", "/umbraco/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replay = new HttpRequestMessage(HttpMethod.Get, "/umbraco");
        replay.Headers.Add("Cookie", stolen);
        var response = await _factory.CreateDefaultClient(new Uri("https://localhost")).SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/umbraco/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains("account.logout", await AuditActionsAsync());
    }

    [Theory]
    [InlineData(31, false)]   // idle for longer than 30 minutes
    [InlineData(20, true)]
    public async Task An_idle_session_ends_after_30_minutes(int idleMinutes, bool stillSignedIn)
    {
        await InstallAndLoginAsync();
        _factory.Clock.Now += TimeSpan.FromMinutes(idleMinutes);

        var response = await _browser.GetAsync("/umbraco");
        Assert.Equal(stillSignedIn ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_busy_session_still_ends_8_hours_after_sign_in()
    {
        await InstallAndLoginAsync();
        for (var i = 0; i < 16; i++) // 7 h 44 min of steady work
        {
            _factory.Clock.Now += TimeSpan.FromMinutes(29);
            Assert.True((await _browser.GetAsync("/umbraco")).StatusCode == HttpStatusCode.OK, $"signed out after {(i + 1) * 29} minutes");
        }
        _factory.Clock.Now += TimeSpan.FromMinutes(29); // 8 h 13 min after sign-in
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.GetAsync("/umbraco")).StatusCode);
    }

    [GeneratedRegex("<code class=\"shared-key\">([^<]+)</code>")]
    private static partial Regex SharedKey();

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_app()
    {
        await InstallAndLoginAsync();
        var setup = await _browser.Http.GetStringAsync("/umbraco/account/authenticator");
        var key = SharedKey().Match(setup).Groups[1].Value;
        Assert.Contains("<svg", setup);

        var wrong = await _browser.PostFormAsync("/umbraco/account/authenticator", "/umbraco/account/authenticator", ("Code", "000000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enable = await _browser.PostFormAsync("/umbraco/account/authenticator", "/umbraco/account/authenticator",
            ("Code", BackofficeClient.TotpCode(key, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        await _browser.PostFormAsync("/umbraco", "/umbraco/logout");

        var password = await _browser.LoginAsync(AdminEmail, AdminPassword);
        Assert.Equal("/umbraco/login/2fa", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.GetAsync("/umbraco")).StatusCode); // not signed in yet

        // Authenticator codes follow real time (the phone's clock), not the site's test clock.
        // A code is good once: the one that turned two-factor on may still be the current one, so the next is used.
        var code = await _browser.PostFormAsync("/umbraco/login/2fa", "/umbraco/login/2fa", ("Code", BackofficeClient.TotpCode(key, DateTime.UtcNow.AddSeconds(30))));
        Assert.True(code.StatusCode == HttpStatusCode.Redirect, Html.Text(await code.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco")).StatusCode);
        Assert.Contains("account.2fa-enabled", await AuditActionsAsync());
    }

    [Fact]
    public async Task When_administrators_make_two_factor_mandatory_an_account_without_it_is_sent_to_set_it_up()
    {
        await InstallAndLoginAsync();
        var require = await _browser.PostFormAsync("/umbraco/users", "/umbraco/users/require-2fa", ("required", "true"));
        Assert.Equal(HttpStatusCode.Redirect, require.StatusCode);

        var dashboard = await _browser.GetAsync("/umbraco");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/umbraco/account/authenticator", dashboard.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco/account/authenticator")).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_password_and_only_the_new_one_works_afterwards()
    {
        await InstallAndLoginAsync();
        const string form = "/umbraco/account/password";

        var wrongCurrent = await _browser.PostFormAsync(form, form, ("CurrentPassword", "chigau pasuwado desu"), ("NewPassword", "atarashii nagai pasuwado"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Contains("現在のパスワードが違います。", await wrongCurrent.Content.ReadAsStringAsync());
        var weak = await _browser.PostFormAsync(form, form, ("CurrentPassword", AdminPassword), ("NewPassword", "password12345"));
        Assert.Contains("よく使われているパスワード", await weak.Content.ReadAsStringAsync());

        var changed = await _browser.PostFormAsync(form, form, ("CurrentPassword", AdminPassword), ("NewPassword", "atarashii nagai pasuwado"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/umbraco")).StatusCode); // still signed in
        await _browser.PostFormAsync("/umbraco", "/umbraco/logout");

        Assert.Equal(HttpStatusCode.BadRequest, (await _browser.LoginAsync(AdminEmail, AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.LoginAsync(AdminEmail, "atarashii nagai pasuwado")).StatusCode);
        Assert.Contains("account.password-changed", await AuditActionsAsync());
    }

    [Fact]
    public async Task The_unattended_install_creates_the_first_administrator_from_configuration()
    {
        using var factory = new SiteFactory()
            .WithSetting("Zaitaku:Backoffice:Unattended:Email", "auto@example.jp")
            .WithSetting("Zaitaku:Backoffice:Unattended:Password", "jidou de tsukutta kanrisha");
        var browser = new BackofficeClient(factory);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/umbraco/install")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync("auto@example.jp", "jidou de tsukutta kanrisha")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/umbraco/users")).StatusCode);
    }
}
