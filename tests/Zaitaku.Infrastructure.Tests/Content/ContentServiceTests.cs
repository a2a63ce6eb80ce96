using Zaitaku.Core.Content;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Tests.TestSupport;

namespace Zaitaku.Infrastructure.Tests.Content;

public class ContentServiceTests
{
    private static readonly DateTimeOffset Start = new(2024, 12, 14, 15, 30, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Body(string text) => new() { ["body"] = text };

    /// <summary>A published home page with a published content page under it at /about/.</summary>
    private static async Task<(ContentNode Home, ContentNode About)> CreateHomeAndAboutAsync(TestDatabase site)
    {
        var home = await site.Content.CreateAsync(null, "home", "ホーム", "home", new Dictionary<string, string>(), 0, "editor");
        var about = await site.Content.CreateAsync(home.Id, "contentPage", "事業について", "about", Body("事業の目的"), 0, "editor");
        await site.Content.PublishAsync(home);
        await site.Content.PublishAsync(about);
        return (home, about);
    }

    [Fact]
    public async Task A_published_page_is_served_at_its_url()
    {
        await using var site = await TestDatabase.CreateAsync();

        await CreateHomeAndAboutAsync(site);

        var page = site.Cache.Current.GetByRoute("/about/");
        Assert.NotNull(page);
        Assert.Equal("事業について", page.Name);
        Assert.Equal("事業の目的", page.Value("body"));
    }

    [Fact]
    public async Task A_saved_draft_is_not_shown_until_it_is_published()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);

        await site.Content.SaveDraftAsync(about, "事業の概要", "about", Body("新しい本文"), "editor");

        var before = site.Cache.Current.GetByRoute("/about/")!;
        Assert.Equal("事業について", before.Name);
        Assert.Equal("事業の目的", before.Value("body"));

        await site.Content.PublishAsync(about);

        var after = site.Cache.Current.GetByRoute("/about/")!;
        Assert.Equal("事業の概要", after.Name);
        Assert.Equal("新しい本文", after.Value("body"));
    }

    [Fact]
    public async Task A_draft_is_not_shown_even_after_the_cache_is_rebuilt()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);

        await site.Content.SaveDraftAsync(about, "事業の概要", "about", Body("新しい本文"), "editor");
        await site.Cache.RefreshAsync();

        Assert.Equal("事業について", site.Cache.Current.GetByRoute("/about/")!.Name);
    }

    [Fact]
    public async Task Every_save_keeps_a_new_version()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);
        Assert.Equal(1, await site.CountVersionsAsync(about.Id));

        await site.Content.SaveDraftAsync(about, "二回目", "about", Body("2"), "editor");
        await site.Content.SaveDraftAsync(about, "三回目", "about", Body("3"), "editor");

        Assert.Equal(3, await site.CountVersionsAsync(about.Id));
    }

    [Fact]
    public async Task A_page_published_with_a_changed_segment_moves_to_the_new_url()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);

        await site.Content.SaveDraftAsync(about, "事業について", "jigyou", Body("事業の目的"), "editor");
        await site.Content.PublishAsync(about);

        Assert.Null(site.Cache.Current.GetByRoute("/about/"));
        Assert.Equal(about.Id, site.Cache.Current.GetByRoute("/jigyou/")?.Id);
    }

    [Fact]
    public async Task Unpublishing_takes_the_page_off_the_site()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);

        await site.Content.UnpublishAsync(about);

        Assert.Null(site.Cache.Current.GetByRoute("/about/"));
        Assert.Null(site.Cache.Current.GetById(about.Id));
        Assert.NotNull(site.Cache.Current.GetByRoute("/"));
    }

    [Fact]
    public async Task Unpublishing_a_parent_hides_its_children()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (_, about) = await CreateHomeAndAboutAsync(site);
        var plan = await site.Content.CreateAsync(about.Id, "contentPage", "計画", "plan", Body("計画"), 0, "editor");
        await site.Content.PublishAsync(plan);
        Assert.NotNull(site.Cache.Current.GetByRoute("/about/plan/"));

        await site.Content.UnpublishAsync(about);

        Assert.Null(site.Cache.Current.GetByRoute("/about/plan/"));
    }

    [Fact]
    public async Task A_child_type_the_parent_does_not_allow_is_refused()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (home, _) = await CreateHomeAndAboutAsync(site);

        // A column belongs under the column list, not directly under home.
        await Assert.ThrowsAsync<Zaitaku.Infrastructure.Content.ContentRuleException>(() => site.Content.CreateAsync(home.Id, "column", "コラム", "2024-12-15",
            new Dictionary<string, string>(), 0, "editor"));

        Assert.Equal(["about"], site.Cache.Current.GetById(home.Id)!.Children.Select(c => c.UrlSegment));
    }

    [Fact]
    public async Task A_type_not_allowed_at_the_root_is_refused_there()
    {
        await using var site = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<Zaitaku.Infrastructure.Content.ContentRuleException>(() => site.Content.CreateAsync(null, "contentPage", "ページ", "page",
            Body("本文"), 0, "editor"));
    }

    [Fact]
    public async Task Change_handlers_hear_of_a_publish_with_the_node_and_its_ancestors()
    {
        var handler = new RecordingHandler();
        await using var site = await TestDatabase.CreateAsync(null, handler);
        handler.Cache = site.Cache;
        var (home, about) = await CreateHomeAndAboutAsync(site);
        var plan = await site.Content.CreateAsync(about.Id, "contentPage", "計画", "plan", Body("計画"), 0, "editor");

        await site.Content.PublishAsync(plan);

        var change = Assert.IsType<Zaitaku.Core.Notifications.ContentPublishedNotification>(handler.Changes[^1]);
        Assert.Equal(plan.Id, change.NodeId);
        Assert.Equal([about.Id, home.Id], change.AncestorIds);
        Assert.Equal(3, change.Level);
        // The handler runs after the cache refresh, so it can rely on the new snapshot.
        Assert.True(handler.SawPublished[^1]);
    }

    [Fact]
    public async Task The_last_updated_date_is_the_save_time_unless_given()
    {
        var clock = new TestClock(Start);
        await using var site = await TestDatabase.CreateAsync(clock);
        var (_, about) = await CreateHomeAndAboutAsync(site);
        Assert.Equal(Start.UtcDateTime, site.Cache.Current.GetById(about.Id)!.UpdatedUtc);

        clock.Now = Start.AddDays(30);
        var stated = new DateTime(2025, 3, 31, 15, 0, 0, DateTimeKind.Utc);
        await site.Content.SaveDraftAsync(about, "事業について", "about", Body("改訂"), "editor", updatedUtc: stated);
        await site.Content.PublishAsync(about);

        Assert.Equal(stated, site.Cache.Current.GetById(about.Id)!.UpdatedUtc);
    }

    private sealed class RecordingHandler : Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentNotification>
    {
        public List<Zaitaku.Core.Notifications.ContentNotification> Changes { get; } = [];
        public List<bool> SawPublished { get; } = [];
        public IPublishedCache? Cache { get; set; }

        public Task HandleAsync(Zaitaku.Core.Notifications.ContentNotification change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            SawPublished.Add(Cache?.Current.GetById(change.NodeId) is not null);
            return Task.CompletedTask;
        }
    }
}
