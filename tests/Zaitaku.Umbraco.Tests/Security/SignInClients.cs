using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// Clients of Umbraco's real sign-in endpoints from a loopback address of their own (127.0.0.2 … 127.0.0.254: Linux
/// routes the whole 127/8 to the site), so the throttle sees other machines and never slows 127.0.0.1, where every
/// other test signs in. Users are made through Umbraco's own IUserService, awaited, one at a time.
/// </summary>
public static class SignInClients
{
    public const string Login = "/umbraco/management/api/v1/security/back-office/login";
    public const string Verify = "/umbraco/management/api/v1/security/back-office/verify-2fa";

    private static int _nextAddress = 10;
    private static readonly SemaphoreSlim Writes = new(1, 1);

    /// <summary>A fresh loopback address for this process (never 127.0.0.1).</summary>
    public static IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress(new byte[] { 127, 0, (byte)(n / 250 + 1), (byte)(n % 250 + 2) });
    }

    /// <summary>A client whose connections come from <paramref name="address"/>, keeping cookies (as a browser would).</summary>
    public static HttpClient From(IPAddress address, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(address, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri(SiteFactory.Shared.BaseUrl) };

    /// <summary>
    /// What the backoffice does after signing in: the authorization-code flow with PKCE on Umbraco's OpenIddict server,
    /// with the sign-in cookie this client holds. Returns the access token, or null with the failing answer's status.
    /// </summary>
    public static async Task<(string? Token, HttpStatusCode Status)> AccessTokenAsync(this HttpClient client)
    {
        var verifier = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var challenge = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirect = SiteFactory.Shared.BaseUrl + "/umbraco/oauth_complete";
        using var authorize = await client.GetAsync("/umbraco/management/api/v1/security/back-office/authorize?client_id=umbraco-back-office"
            + "&response_type=code&scope=offline_access&state=s1&code_challenge_method=S256&code_challenge=" + challenge
            + "&redirect_uri=" + Uri.EscapeDataString(redirect));
        var location = authorize.Headers.Location?.ToString() ?? "";
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(SiteFactory.Shared.BaseUrl), location).Query)["code"];
        if (code is null) return (null, authorize.StatusCode);
        using var token = await client.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["client_id"] = "umbraco-back-office",
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode) return (null, token.StatusCode);
        return (System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString(), token.StatusCode);
    }

    /// <summary>A Management API call with a bearer token, as the backoffice makes it.</summary>
    public static async Task<HttpResponseMessage> ApiGetAsync(this HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/umbraco/management/api/v1/" + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password) =>
        client.PostAsJsonAsync(Login, new { username, password });

    /// <summary>A backoffice user (a person, not an API user) in the given groups with this password.</summary>
    public static async Task<IUser> CreateUserAsync(string email, string password, params string[] groupAliases)
    {
        await Writes.WaitAsync();
        try
        {
            var services = SiteFactory.Shared.Services;
            var groupService = services.GetRequiredService<IUserGroupService>();
            var keys = new HashSet<Guid>();
            foreach (var alias in groupAliases) keys.Add((await groupService.GetAsync(alias))!.Key);
            var users = services.GetRequiredService<IUserService>();
            var created = await UmbracoWrites.AsWriterAsync(() => users.CreateAsync(Constants.Security.SuperUserKey, new UserCreateModel
            {
                Email = email,
                UserName = email,
                Name = email.Split('@')[0],
                Kind = UserKind.Default,
                UserGroupKeys = keys,
            }, approveUser: true));
            Assert.True(created.Success, $"user {email}: {created.Status}");
            var user = created.Result.CreatedUser!;
            var changed = await UmbracoWrites.AsWriterAsync(() => users.ChangePasswordAsync(Constants.Security.SuperUserKey, new ChangeUserPasswordModel { NewPassword = password, UserKey = user.Key }));
            Assert.True(changed.Success, $"password for {email}: {changed.Status}");
            return (await users.GetAsync(user.Key))!;
        }
        finally
        {
            Writes.Release();
        }
    }

    /// <summary>Puts the user in exactly these groups, through Umbraco's IUserService as the backoffice's user editor does.</summary>
    public static async Task SetGroupsAsync(IUser user, params string[] groupAliases)
    {
        await Writes.WaitAsync();
        try
        {
            var services = SiteFactory.Shared.Services;
            var groupService = services.GetRequiredService<IUserGroupService>();
            var keys = new HashSet<Guid>();
            foreach (var alias in groupAliases) keys.Add((await groupService.GetAsync(alias))!.Key);
            var users = services.GetRequiredService<IUserService>();
            var current = (await users.GetAsync(user.Key))!;
            var updated = await UmbracoWrites.AsWriterAsync(() => users.UpdateAsync(Constants.Security.SuperUserKey, new UserUpdateModel
            {
                ExistingUserKey = current.Key,
                Email = current.Email,
                UserName = current.Username,
                Name = current.Name ?? current.Username,
                LanguageIsoCode = current.Language ?? "en-US",
                HasContentRootAccess = true,
                HasMediaRootAccess = true,
                UserGroupKeys = keys,
            }));
            Assert.True(updated.Success, $"groups of {current.Email}: {updated.Status}");
        }
        finally
        {
            Writes.Release();
        }
    }

    public static async Task ChangePasswordAsync(IUser user, string password)
    {
        await Writes.WaitAsync();
        try
        {
            var changed = await UmbracoWrites.AsWriterAsync(() => SiteFactory.Shared.Services.GetRequiredService<IUserService>()
                .ChangePasswordAsync(Constants.Security.SuperUserKey, new ChangeUserPasswordModel { NewPassword = password, UserKey = user.Key }));
            Assert.True(changed.Success, $"password for {user.Email}: {changed.Status}");
        }
        finally
        {
            Writes.Release();
        }
    }

    public static async Task DisableAsync(IUser user)
    {
        await Writes.WaitAsync();
        try
        {
            var status = await UmbracoWrites.AsWriterAsync(() => SiteFactory.Shared.Services.GetRequiredService<IUserService>()
                .DisableAsync(Constants.Security.SuperUserKey, new HashSet<Guid> { user.Key }));
            Assert.Equal(Umbraco.Cms.Core.Services.OperationStatus.UserOperationStatus.Success, status);
        }
        finally
        {
            Writes.Release();
        }
    }
}
