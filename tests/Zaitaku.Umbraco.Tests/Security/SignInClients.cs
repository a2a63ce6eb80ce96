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
            var created = await users.CreateAsync(Constants.Security.SuperUserKey, new UserCreateModel
            {
                Email = email,
                UserName = email,
                Name = email.Split('@')[0],
                Kind = UserKind.Default,
                UserGroupKeys = keys,
            }, approveUser: true);
            Assert.True(created.Success, $"user {email}: {created.Status}");
            var user = created.Result.CreatedUser!;
            var changed = await users.ChangePasswordAsync(Constants.Security.SuperUserKey, new ChangeUserPasswordModel { NewPassword = password, UserKey = user.Key });
            Assert.True(changed.Success, $"password for {email}: {changed.Status}");
            return (await users.GetAsync(user.Key))!;
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
            var status = await SiteFactory.Shared.Services.GetRequiredService<IUserService>()
                .DisableAsync(Constants.Security.SuperUserKey, new HashSet<Guid> { user.Key });
            Assert.Equal(Umbraco.Cms.Core.Services.OperationStatus.UserOperationStatus.Success, status);
        }
        finally
        {
            Writes.Release();
        }
    }
}
