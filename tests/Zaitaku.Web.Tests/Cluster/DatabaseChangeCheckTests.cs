using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Notifications;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>
/// The database check's baseline is what the node loaded at start: the first comparison after start
/// finds nothing when nothing changed (no pages evicted for nothing), and finds what another instance
/// changed after this one loaded its caches (no node left serving old pages until the next change).
/// </summary>
public sealed class DatabaseChangeCheckTests
{
    [Fact]
    public async Task The_first_check_after_start_finds_only_what_another_instance_changed_since_this_one_loaded()
    {
        using var a = new SiteFactory { KeepDataFolder = true };
        await a.CreatePlainClient().GetStringAsync("/");

        // Started, nothing changed since: the first comparison is no change, so nothing is evicted or reloaded.
        using (var quiet = a.SecondInstance())
        {
            Assert.Contains("食事と栄養", await quiet.CreatePlainClient().GetStringAsync("/columns/2025-02-15/"));
            Assert.False(await quiet.Services.GetRequiredService<DatabaseChangeCheck>().CheckAsync());
        }

        // Started, then another instance publishes (without Redis, this one hears of it only from the check):
        // the first check finds it. With the baseline taken at the first check, it was taken in and never loaded.
        using var b = a.SecondInstance();
        var reader = b.CreatePlainClient();
        Assert.Contains("食事と栄養", await reader.GetStringAsync("/columns/2025-02-15/"));
        await a.WithDatabaseAsync<ContentService>(async (db, content) =>
        {
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.DraftVersion!.UrlSegment == "2025-02-15");
            await content.SaveDraftAsync(node, "食事と栄養（起動直後の改訂）", "2025-02-15",
                Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson), "test");
            await content.PublishAsync(node);
        });

        var check = b.Services.GetRequiredService<DatabaseChangeCheck>();
        // The host's own tick (every 5 s) may have found it first; either way b now serves it.
        await check.CheckAsync();
        Assert.Contains("食事と栄養（起動直後の改訂）", await reader.GetStringAsync("/columns/2025-02-15/"));
        Assert.False(await check.CheckAsync()); // and finds it once
    }

    private sealed class FoundElsewhere : Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ChangesFoundElsewhereNotification>
    {
        public int Count;
        public Task HandleAsync(Zaitaku.Core.Notifications.ChangesFoundElsewhereNotification notification, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_change_this_node_made_is_not_found_again_by_its_own_check()
    {
        var found = new FoundElsewhere();
        using var site = new SiteFactory().WithServices(s =>
            s.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ChangesFoundElsewhereNotification>>(found));
        var reader = site.CreatePlainClient();
        await reader.GetStringAsync("/");
        var check = site.Services.GetRequiredService<DatabaseChangeCheck>();
        await check.CheckAsync(); // whatever the start left for it
        var before = Volatile.Read(ref found.Count);

        // A publish here reloads this node's tree at once. The host's own check (every 5 s) must not find it
        // again, reload the whole tree and empty every cached page: it did, on every node, after every change.
        await site.WithDatabaseAsync<ContentService>(async (db, content) =>
        {
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.DraftVersion!.UrlSegment == "2025-02-15");
            await content.SaveDraftAsync(node, "食事と栄養（このノードでの改訂）", "2025-02-15",
                Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson), "test");
            await content.PublishAsync(node);
        });
        Assert.Contains("食事と栄養（このノードでの改訂）", await reader.GetStringAsync("/columns/2025-02-15/"));
        await Task.Delay(TimeSpan.FromSeconds(11)); // two of the host's checks
        Assert.False(await check.CheckAsync());
        Assert.Equal(before, Volatile.Read(ref found.Count));

        // A change the cache has not loaded (written past it, as another node without Redis would) is found, once.
        await site.WithDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE ContentNode SET SortOrder = SortOrder + 1 WHERE PublishedVersionId IS NOT NULL"));
        await check.CheckAsync();
        Assert.Equal(before + 1, Volatile.Read(ref found.Count));
        Assert.False(await check.CheckAsync());
    }
}
