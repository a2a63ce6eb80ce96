using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Accounts;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// Sessions as the backoffice holds them (sign-in cookie, then OpenIddict's access token through the PKCE flow), and the
/// two-factor rule for the required groups (here "translator": SiteFactory keeps administrators out of it).
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class SessionAndTwoFactorRuleTests
{
    private const string Password = "kawara no ishi wo hirou kodomo";

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20] + "@example.jp";

    private static async Task<(HttpClient Client, string Token)> SignedInAsync(string email, string password)
    {
        var client = SignInClients.From(SignInClients.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email, password)).StatusCode);
        var (token, status) = await client.AccessTokenAsync();
        Assert.True(token is not null, $"no token: {status}");
        return (client, token!);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_session_at_once()
    {
        var user = await SignInClients.CreateUserAsync(Unique("pw"), Password, "editor");
        var (client, token) = await SignedInAsync(user.Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.ApiGetAsync(token, "user/current")).StatusCode);

        await SignInClients.ChangePasswordAsync(user, "atarashii nagai pasuwado desu");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ApiGetAsync(token, "user/current")).StatusCode);
        // Nor can the old sign-in cookie fetch a new token.
        Assert.Null((await client.AccessTokenAsync()).Token);
    }

    [Fact]
    public async Task Changing_the_groups_ends_the_session_at_once()
    {
        var user = await SignInClients.CreateUserAsync(Unique("grp"), Password, "editor");
        var (client, token) = await SignedInAsync(user.Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.ApiGetAsync(token, "user/current")).StatusCode);

        await SignInClients.SetGroupsAsync(user, "writer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ApiGetAsync(token, "user/current")).StatusCode);
    }

    [Fact]
    public async Task A_required_group_member_without_two_factor_may_only_set_it_up()
    {
        var user = await SignInClients.CreateUserAsync(Unique("must"), Password, "translator");
        var (client, token) = await SignedInAsync(user.Email, Password);

        using var status = await client.ApiGetAsync(token, "zaitaku/security/two-factor");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var state = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.True(state.GetProperty("required").GetBoolean());
        Assert.False(state.GetProperty("enabled").GetBoolean());

        using var refused = await client.ApiGetAsync(token, "language");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(TwoFactorRequirement.Title, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        // What setting it up needs stays open.
        Assert.Equal(HttpStatusCode.OK, (await client.ApiGetAsync(token, "user/current")).StatusCode);
        using var setup = await client.ApiGetAsync(token, "user/current/2fa/" + AuthenticatorApp.Name);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var setupData = JsonDocument.Parse(await setup.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("data:image/svg+xml;base64,", setupData.GetProperty("qrCodeSetupImageUrl").GetString());

        var secret = setupData.GetProperty("secret").GetString()!;
        var saved = await SiteFactory.Shared.Services.GetRequiredService<IUserTwoFactorLoginService>()
            .ValidateAndSaveAsync(AuthenticatorApp.Name, user.Key, secret, Totp.Code(Encoding.UTF8.GetBytes(secret), Totp.StepAt(DateTimeOffset.UtcNow)));
        Assert.True(saved.Success, saved.Result.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.ApiGetAsync(token, "language")).StatusCode);
    }

    [Fact]
    public async Task Others_are_not_asked_for_two_factor()
    {
        var user = await SignInClients.CreateUserAsync(Unique("free"), Password, "editor");
        var (client, token) = await SignedInAsync(user.Email, Password);
        using var status = await client.ApiGetAsync(token, "zaitaku/security/two-factor");
        Assert.False(JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.ApiGetAsync(token, "language")).StatusCode);
    }
}
