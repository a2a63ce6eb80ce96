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
/// user per group per test process, made on first use through Umbraco's own user services.
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

    /// <summary>
    /// Makes the administrators' API user while the new site is still quiet (called by <see cref="SiteFactory"/> at start).
    /// Umbraco's user creation reads before it writes without taking a write lock first; on SQLite, a write committed by
    /// another test in between leaves its transaction on a stale snapshot that can never write ("database is locked",
    /// retried for minutes). Made once before the tests run in parallel, nothing writes in between.
    /// </summary>
    internal static void PrepareAdmin(SiteFactory site)
    {
        // Umbraco's administrators, and its editors (a group without the sections of ours, for the refusals).
        foreach (var group in new[] { Constants.Security.AdminGroupAlias, "editor" })
            Clients.GetOrAdd(group, alias => new Lazy<Task<HttpClient>>(() => CreateAsync(site, alias))).Value.GetAwaiter().GetResult();
    }

    private static async Task<HttpClient> CreateAsync(SiteFactory site, string groupAlias)
    {
        var services = site.Services;
        var group = await services.GetRequiredService<IUserGroupService>().GetAsync(groupAlias)
            ?? throw new InvalidOperationException($"No user group with the alias '{groupAlias}'.");
        var name = "api-" + groupAlias.ToLowerInvariant();
        var created = await UmbracoWrites.AsWriterAsync(() => services.GetRequiredService<IUserService>().CreateAsync(Constants.Security.SuperUserKey, new UserCreateModel
        {
            Email = $"{name}@example.jp",
            UserName = $"{name}@example.jp",
            Name = $"API ({group.Name})",
            Kind = UserKind.Api,
            UserGroupKeys = new HashSet<Guid> { group.Key },
        }, approveUser: true), site);
        if (!created.Success) throw new InvalidOperationException($"API user for '{groupAlias}' not created: {created.Status}");

        var clientId = "umbraco-back-office-" + name;
        var secret = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var saved = await services.GetRequiredService<IBackOfficeUserClientCredentialsManager>().SaveAsync(created.Result.CreatedUser!.Key, clientId, secret);
        if (!saved.Success) throw new InvalidOperationException($"Client credentials for '{groupAlias}' not saved: {saved.Result}");

        var client = new HttpClient(new ClientCredentialsToken(site, clientId, secret) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(site.BaseUrl + Root),
        };
        // The first token now, so a user that cannot get one fails here, naming the group.
        using var check = await client.GetAsync("user/current");
        if (!check.IsSuccessStatusCode) throw new InvalidOperationException($"No access for '{groupAlias}': {(int)check.StatusCode}");
        return client;
    }

    /// <summary>
    /// A bearer token from client credentials, fetched again shortly before it expires (Umbraco's access tokens are
    /// short-lived; a test run outlasts them).
    /// </summary>
    private sealed class ClientCredentialsToken(SiteFactory site, string clientId, string secret) : DelegatingHandler
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private string? token;
        private DateTimeOffset renewAt;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }

        private async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (token is not null && DateTimeOffset.UtcNow < renewAt) return token;
                using var tokenClient = site.CreatePlainClient();
                using var response = await tokenClient.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = secret,
                }), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"No token for '{clientId}': {(int)response.StatusCode} {body}");
                var json = JsonDocument.Parse(body).RootElement;
                token = json.GetProperty("access_token").GetString()!;
                var lifetime = json.TryGetProperty("expires_in", out var e) ? TimeSpan.FromSeconds(e.GetInt32()) : TimeSpan.FromMinutes(5);
                renewAt = DateTimeOffset.UtcNow + lifetime / 2;
                return token;
            }
            finally
            {
                gate.Release();
            }
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
