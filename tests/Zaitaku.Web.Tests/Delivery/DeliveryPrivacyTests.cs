using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Delivery.DeliveryApiTests;

namespace Zaitaku.Web.Tests.Delivery;

/// <summary>
/// What must never leave through the Delivery API (unpublished nodes, drafts, form entries, users,
/// the audit trail), the preview keys that alone open drafts, and eviction on publish.
/// </summary>
public sealed partial class DeliveryPrivacyTests : IAsyncLifetime
{
    private const string AdminEmail = "admin-delivery@example.jp", AdminPassword = "kanrisha no nagai pasuwado";
    private const string DraftText = "下書きだけの秘密の文言", UnpublishedName = "まだ公開しない新しいページ", EditorName = "編集者 秘密太郎";
    private readonly SiteFactory _factory = new();
    private HttpClient _client = null!;
    private BackofficeClient _admin = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreatePlainClient();
        _admin = new BackofficeClient(_factory);
        await _admin.InstallAsync(AdminEmail, AdminPassword);
        await _admin.LoginAsync(AdminEmail, AdminPassword);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private Task WithContentAsync(Func<ContentService, ZaitakuDbContext, Task> action) =>
        _factory.WithDatabaseAsync<ContentService>((db, content) => action(content, db));

    private static Task<ContentNode> ColumnAsync(ZaitakuDbContext db, string segment) =>
        db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.ContentTypeAlias == "column" && n.DraftVersion!.UrlSegment == segment);

    /// <summary>A draft of a published column, and a new page never published, both saved by a named editor.</summary>
    private Task MakeDraftsAsync() => WithContentAsync(async (content, db) =>
    {
        var column = await ColumnAsync(db, "2025-06-01");
        var values = new Dictionary<string, string>(PropertyValues.Deserialize(column.DraftVersion!.ValuesJson)) { ["theme"] = DraftText };
        await content.SaveDraftAsync(column, column.DraftVersion.Name, "2025-06-01", values, EditorName);
        await content.CreateAsync(column.ParentId, "column", UnpublishedName, "2099-01-01", values, 99, EditorName);
    });

    /// <summary>Everything the API gives, page by page, with every picker expanded.</summary>
    private async Task<string> EverythingAsync(HttpClient client, Action<HttpRequestMessage>? headers = null)
    {
        var all = new System.Text.StringBuilder();
        for (var skip = 0; ; skip += 100)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content?skip={skip}&take=100&expand=properties[$all]");
            headers?.Invoke(request);
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            all.Append(body);
            var page = JsonDocument.Parse(body).RootElement;
            if (skip + 100 >= page.GetProperty("total").GetInt32()) break;
        }
        return all.ToString();
    }

    [Fact]
    public async Task Nothing_unpublished_no_form_entry_no_user_and_no_audit_leaves_through_the_API()
    {
        await MakeDraftsAsync();
        // A form entry and an audit line with words of their own.
        await WithContentAsync(async (_, db) =>
        {
            var form = await db.Forms.FirstAsync();
            db.FormEntries.Add(new Zaitaku.Infrastructure.Forms.FormEntry { FormId = form.Id, CreatedUtc = DateTime.UtcNow, ProtectedValues = "受付の秘密の内容" });
            db.AuditEntries.Add(new Zaitaku.Infrastructure.Audit.AuditEntry { Action = "content.save", UserName = EditorName, Detail = "操作の記録の秘密", OccurredUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var everything = await EverythingAsync(_client);
        Assert.Contains("生活習慣病", everything); // the published column is there, as published
        foreach (var secret in new[] { DraftText, UnpublishedName, "2099-01-01", EditorName, AdminEmail, "受付の秘密の内容", "操作の記録の秘密" })
            Assert.DoesNotContain(secret, everything);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Api}/content/item/columns/2099-01-01")).StatusCode);
        var unpublishedKey = await KeyOfAsync(UnpublishedName);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Api}/content/item/{unpublishedKey}")).StatusCode);
        Assert.Equal("[]", await _client.GetStringAsync($"{Api}/content/items?id={unpublishedKey}"));
        var item = await GetJsonAsync(_client, $"{Api}/content/item/columns/2025-06-01");
        Assert.NotEqual(DraftText, item.GetProperty("properties").GetProperty("theme").GetString());
    }

    private Task<Guid> KeyOfAsync(string name) => _factory.WithDatabaseAsync(db =>
        db.ContentNodes.Where(n => n.DraftVersion!.Name == name).Select(n => n.Key).SingleAsync());

    [GeneratedRegex("<input id=\"new-key\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewKey();

    [GeneratedRegex("action=\"/umbraco/api-keys/([0-9a-f-]{36})/revoke\"")]
    private static partial Regex RevokeAction();

    [Fact]
    public async Task Drafts_need_a_preview_key_an_administrator_issued_and_a_revoked_key_is_refused()
    {
        await MakeDraftsAsync();
        static Action<HttpRequestMessage> Preview(string? key) => r =>
        {
            r.Headers.Add("Preview", "true");
            if (key is not null) r.Headers.Add("Api-Key", key);
        };
        async Task<HttpResponseMessage> ItemAsync(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content/item/columns/2025-06-01");
            Preview(key)(request);
            return await _client.SendAsync(request);
        }

        // No key, and a made-up key: refused, with a message.
        foreach (var key in new[] { null, "zdk_made-up" })
        {
            var refused = await ItemAsync(key);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("API キー", await refused.Content.ReadAsStringAsync());
        }

        // An administrator issues a key: it is shown once and stored only as a hash.
        var created = await _admin.PostFormAsync("/umbraco/api-keys", "/umbraco/api-keys", ("Form.Name", "市公式アプリのプレビュー"));
        var page = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = NewKey().Match(page).Groups[1].Value;
        Assert.StartsWith("zdk_", secret);
        Assert.DoesNotContain(secret, await _admin.Http.GetStringAsync("/umbraco/api-keys"));
        await WithContentAsync(async (_, db) =>
            Assert.DoesNotContain(secret, (await db.BackofficeSettings.SingleAsync(s => s.Key == "DeliveryApiPreviewKeys")).Value));

        // With the key: the draft and the never-published page.
        var draft = JsonDocument.Parse(await (await ItemAsync(secret)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(DraftText, draft.GetProperty("properties").GetProperty("theme").GetString());
        Assert.Contains(UnpublishedName, await EverythingAsync(_client, Preview(secret)));
        var previewResponse = await ItemAsync(secret);
        Assert.Contains("no-store", previewResponse.Headers.CacheControl!.ToString());
        // ... and a preview never lands in the cache for everyone else.
        Assert.DoesNotContain(DraftText, await _client.GetStringAsync($"{Api}/content/item/columns/2025-06-01"));

        // Revoked: refused again.
        var keyId = RevokeAction().Match(await _admin.Http.GetStringAsync("/umbraco/api-keys")).Groups[1].Value;
        var revoke = await _admin.PostFormAsync("/umbraco/api-keys", $"/umbraco/api-keys/{keyId}/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ItemAsync(secret)).StatusCode);
        Assert.Contains("取り消し済み", await _admin.Http.GetStringAsync("/umbraco/api-keys"));

        // Both are in the audit trail, with the key's name and never the key.
        await WithContentAsync(async (_, db) =>
        {
            var actions = await db.AuditEntries.Where(a => a.Action.StartsWith("delivery.")).ToListAsync();
            Assert.Equal(["delivery.key-created", "delivery.key-revoked"], actions.Select(a => a.Action).Order().ToArray());
            Assert.All(actions, a => Assert.Equal("市公式アプリのプレビュー", a.Target));
            Assert.All(actions, a => Assert.DoesNotContain(secret, a.Detail ?? ""));
        });
    }

    [Fact]
    public async Task An_administrator_must_name_a_key()
    {
        var refused = await _admin.PostFormAsync("/umbraco/api-keys", "/umbraco/api-keys", ("Form.Name", ""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("キーの名前を入力してください", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_publish_evicts_the_cached_answer_and_a_picked_photo_comes_with_its_size()
    {
        var url = $"{Api}/content/item/columns/2025-06-01";
        var before = await GetJsonAsync(_client, url);
        Assert.Empty(before.GetProperty("properties").GetProperty("image").EnumerateArray());
        await GetJsonAsync(_client, url); // cached now

        // A photo in the media library, picked on the column, then published.
        var photo = new Zaitaku.Core.Media.MediaItem
        {
            Kind = Zaitaku.Core.Media.MediaKind.Image, Name = "講座の写真", FileName = "kouza.jpg", MediaType = "image/jpeg",
            Length = 123_456, Width = 1600, Height = 1200, AltText = "講座の様子", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
        };
        await WithContentAsync(async (content, db) =>
        {
            db.MediaItems.Add(photo);
            await db.SaveChangesAsync();
            await _factory.Services.GetRequiredService<Zaitaku.Infrastructure.Media.MediaLibrary>().ReloadAsync();
            var column = await ColumnAsync(db, "2025-06-01");
            var values = new Dictionary<string, string>(PropertyValues.Deserialize(column.DraftVersion!.ValuesJson))
            {
                ["image"] = Zaitaku.Core.Media.MediaUdi.For(photo.Key), ["theme"] = "改訂したテーマ",
            };
            await content.SaveDraftAsync(column, column.DraftVersion.Name, "2025-06-01", values, "test");
            await content.PublishAsync(column);
        });

        var after = await GetJsonAsync(_client, url);
        Assert.Equal("改訂したテーマ", after.GetProperty("properties").GetProperty("theme").GetString());
        var image = after.GetProperty("properties").GetProperty("image").EnumerateArray().Single();
        Assert.Equal("Image", image.GetProperty("mediaType").GetString());
        Assert.Equal(1600, image.GetProperty("width").GetInt32());
        Assert.Equal(1200, image.GetProperty("height").GetInt32());
        Assert.Equal(123_456, image.GetProperty("bytes").GetInt64());
        Assert.Equal("講座の様子", image.GetProperty("properties").GetProperty("altText").GetString());
        Assert.StartsWith($"/media/{photo.Key:N}/1/", image.GetProperty("url").GetString());
        // The list of columns followed too.
        Assert.Contains("改訂したテーマ", await _client.GetStringAsync($"{Api}/content?filter=contentType:column&take=100"));
    }
}

/// <summary>The rate limit: a client that asks too often gets a 429 in Japanese, with when to try again.</summary>
public sealed class DeliveryRateLimitTests : IDisposable
{
    private readonly SiteFactory _factory = new SiteFactory()
        .WithSetting("Zaitaku:Delivery:RequestsPerAddress", "3")
        .WithSetting("Zaitaku:Delivery:RateLimitWindow", "00:01:00");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_fourth_request_in_a_minute_is_refused_with_a_429_problem()
    {
        var client = _factory.CreatePlainClient();
        client.DefaultRequestHeaders.Add(SiteFactory.ClientAddressHeader, "203.0.113.7");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/content?take=1")).StatusCode);
        var refused = await client.GetAsync($"{Api}/content?take=1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("リクエストが多すぎます。", problem.GetProperty("title").GetString());
        Assert.Contains("1分間に3回まで", problem.GetProperty("detail").GetString());

        // Another address is not held back, and the public pages are not limited at all.
        var other = _factory.CreatePlainClient();
        other.DefaultRequestHeaders.Add(SiteFactory.ClientAddressHeader, "203.0.113.8");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"{Api}/content?take=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/columns/")).StatusCode);
    }
}
