using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Calls Umbraco's Management API (<c>/umbraco/management/api/v1/…</c>) as a given user group, the way an integration
/// would: an API user (Umbraco 15+: <see cref="UserKind.Api"/>) in that group, with client credentials, and a bearer
/// token from <c>/umbraco/management/api/v1/security/back-office/token</c> (grant_type=client_credentials). One API
/// user per group per test process, made through Umbraco's own user services while the site starts
/// (<see cref="SiteFactory.ApiGroups"/>; others on first use).
/// <code>
/// var admin = await ManagementApi.AsAdminAsync();
/// var editor = await ManagementApi.AsGroupAsync("editor");
/// var response = await admin.PostAsync("media", JsonContent.Create(...));
/// </code>
/// The client's base address is the Management API's root, so paths are relative to it ("media", "temporary-file").
/// </summary>
public static class ManagementApi
{
    public const string Root = "/umbraco/management/api/v1/";

    private static readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> Clients = new();

    /// <summary>As a member of Umbraco's administrators group (alias "admin").</summary>
    public static Task<HttpClient> AsAdminAsync() => AsGroupAsync(Constants.Security.AdminGroupAlias);

    /// <summary>As a member of the user group with this alias ("editor", "writer", "translator", "sensitiveData", or one of ours).</summary>
    public static Task<HttpClient> AsGroupAsync(string groupAlias) =>
        Clients.GetOrAdd(groupAlias, alias => new Lazy<Task<HttpClient>>(() => CreateAsync(SiteFactory.Shared, alias))).Value;

    /// <summary>Client credentials of the API users made while the site started (<see cref="ApiUsersOnStart"/>).</summary>
    private static readonly ConcurrentDictionary<string, (string ClientId, string Secret)> Credentials = new();

    /// <summary>
    /// Makes an API user in the group with client credentials. Umbraco's user creation reads before it writes without
    /// taking a write lock first; on SQLite, a write committed by anything else in between (another test, or one of
    /// Umbraco's background jobs, such as the server registrar's touch 15 s after start) leaves its transaction on a
    /// stale snapshot that can never write ("database is locked", retried for minutes). So the site makes the API users
    /// of <see cref="SiteFactory.ApiGroups"/> while it starts (<see cref="ApiUsersOnStart"/>, after our groups, before
    /// Umbraco's background jobs and before any test), and tests only ask for tokens.
    /// </summary>
    internal static async Task CreateApiUserAsync(IServiceProvider services, string groupAlias)
    {
        var group = await services.GetRequiredService<IUserGroupService>().GetAsync(groupAlias)
            ?? throw new InvalidOperationException($"No user group with the alias '{groupAlias}'.");
        var name = "api-" + groupAlias.ToLowerInvariant();
        var created = await UmbracoWrites.AsWriterAsync(services, () => services.GetRequiredService<IUserService>().CreateAsync(Constants.Security.SuperUserKey, new UserCreateModel
        {
            Email = $"{name}@example.jp",
            UserName = $"{name}@example.jp",
            Name = $"API ({group.Name})",
            Kind = UserKind.Api,
            UserGroupKeys = new HashSet<Guid> { group.Key },
        }, approveUser: true));
        if (!created.Success) throw new InvalidOperationException($"API user for '{groupAlias}' not created: {created.Status}");

        var clientId = "umbraco-back-office-" + name;
        var secret = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var saved = await services.GetRequiredService<IBackOfficeUserClientCredentialsManager>().SaveAsync(created.Result.CreatedUser!.Key, clientId, secret);
        if (!saved.Success) throw new InvalidOperationException($"Client credentials for '{groupAlias}' not saved: {saved.Result}");
        Credentials[groupAlias] = (clientId, secret);
    }

    /// <summary>Gets the bearer tokens of the API users made at start, before the tests run in parallel.</summary>
    internal static void PrepareGroups(SiteFactory site, IEnumerable<string> groupAliases)
    {
        foreach (var groupAlias in groupAliases)
            Clients.GetOrAdd(groupAlias, alias => new Lazy<Task<HttpClient>>(() => CreateAsync(site, alias)))
                .Value.GetAwaiter().GetResult();
    }

    private static async Task<HttpClient> CreateAsync(SiteFactory site, string groupAlias)
    {
        // A group not made at start: made now, at the risk told above.
        if (!Credentials.ContainsKey(groupAlias)) await CreateApiUserAsync(site.Services, groupAlias);
        var (clientId, secret) = Credentials[groupAlias];

        var tokens = new BearerTokens(site, groupAlias, clientId, secret);
        await tokens.GetAsync(CancellationToken.None); // a token now: a group that cannot sign in fails at start
        return new HttpClient(tokens) { BaseAddress = new Uri(site.BaseUrl + Root) };
    }

    /// <summary>
    /// Puts a bearer token on each request and fetches a new one before it expires: Umbraco's back-office tokens last
    /// five minutes, less than a whole test run, and the tokens are fetched when the site starts.
    /// </summary>
    private sealed class BearerTokens(SiteFactory site, string groupAlias, string clientId, string secret) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private (string Token, DateTimeOffset Expires)? _current;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }

        public async Task<string> GetAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_current is { } current && current.Expires > DateTimeOffset.UtcNow.AddSeconds(60)) return current.Token;
                using var tokenClient = site.CreatePlainClient();
                using var token = await tokenClient.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = secret,
                }), cancellationToken);
                var body = await token.Content.ReadAsStringAsync(cancellationToken);
                if (!token.IsSuccessStatusCode) throw new InvalidOperationException($"No token for '{groupAlias}': {(int)token.StatusCode} {body}");
                var root = JsonDocument.Parse(body).RootElement;
                var accessToken = root.GetProperty("access_token").GetString()!;
                var lifetime = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
                _current = (accessToken, DateTimeOffset.UtcNow.AddSeconds(lifetime));
                return accessToken;
            }
            finally { _gate.Release(); }
        }
    }

    /// <summary>Uploads a file as a temporary file (what the backoffice does first for every upload); returns the response.</summary>
    public static async Task<HttpResponseMessage> UploadTemporaryFileAsync(this HttpClient api, Guid id, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(id.ToString()), "Id" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        return await api.PostAsync("temporary-file", form);
    }

    /// <summary>
    /// Creates a media item from an uploaded temporary file, as the backoffice's media library does: the media type's
    /// file property (umbracoFile) names the temporary file.
    /// </summary>
    public static Task<HttpResponseMessage> CreateMediaAsync(this HttpClient api, Guid key, Guid mediaTypeKey, Guid? parentKey, string name,
        Guid temporaryFileId, IEnumerable<(string Alias, object? Value)>? more = null)
    {
        var values = new List<object> { new { alias = Constants.Conventions.Media.File, value = new { temporaryFileId } } };
        foreach (var (alias, value) in more ?? []) values.Add(new { alias, value });
        return api.PostAsJsonAsync("media", new
        {
            id = key,
            parent = parentKey is { } p ? new { id = p } : null,
            mediaType = new { id = mediaTypeKey },
            values,
            variants = new[] { new { name, culture = (string?)null, segment = (string?)null } },
        });
    }
}

/// <summary>
/// Makes the API users of <see cref="SiteFactory.ApiGroups"/> at the end of the site's start: after the schema, the seed
/// and our user groups (registered after them), before Umbraco's background jobs start writing.
/// </summary>
internal sealed class ApiUsersOnStart(IServiceProvider services, IRuntimeState runtimeState)
    : Umbraco.Cms.Core.Events.INotificationAsyncHandler<Umbraco.Cms.Core.Notifications.UmbracoApplicationStartingNotification>
{
    public async Task HandleAsync(Umbraco.Cms.Core.Notifications.UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run) return;
        foreach (var alias in SiteFactory.ApiGroups) await ManagementApi.CreateApiUserAsync(services, alias);
    }
}
