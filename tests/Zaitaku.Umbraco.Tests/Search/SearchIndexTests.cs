using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Infrastructure.Examine;
using Zaitaku.Web.Search;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Search;

/// <summary>
/// The index follows what is published, on Umbraco's notifications: a publish, unpublish, or delete shows in search
/// within seconds, a branch goes with its parent, a rebuild answers 503 until it is done, and a synonym the
/// secretariat publishes works at the next search. Each test makes its own pages under the home page and removes
/// them; the seed's pages are read by other tests at the same time.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class SearchIndexTests(SharedSite site) : IClassFixture<SharedSite>, IAsyncLifetime
{
    private readonly HttpClient _client = site.Client;
    private readonly IContentService _content = site.Factory.Services.GetRequiredService<IContentService>();
    private readonly List<IContent> _made = [];

    public Task InitializeAsync() => SearchReady.WaitAsync(_client);

    public Task DisposeAsync()
    {
        foreach (var page in Enumerable.Reverse(_made)) if (_content.GetById(page.Key) is { } p) _content.Delete(p);
        return Task.CompletedTask;
    }

    private async Task<List<string>> ResultUrlsAsync(string query) =>
        new HtmlParser().ParseDocument(await _client.GetStringAsync("/search?q=" + Uri.EscapeDataString(query)))
            .QuerySelectorAll(".search-result__title a").Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>Searches until <paramref name="done"/> holds of the result addresses, for at most five seconds.</summary>
    private async Task<List<string>> WithinSecondsAsync(string query, Func<List<string>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        List<string> urls;
        while (!done(urls = await ResultUrlsAsync(query)) && DateTime.UtcNow < until) await Task.Delay(50);
        return urls;
    }

    /// <summary>A page of our own under the home page, saved (not published) with a word nothing else has.</summary>
    private IContent MakePage(string name, string segment, string body, IContent? parent = null)
    {
        var home = _content.GetRootContent().First(r => r.ContentType.Alias == "home");
        var page = _content.Create(name, parent?.Id ?? home.Id, "contentPage");
        page.SetValue("body", body);
        page.SetValue("umbracoUrlName", segment);
        Assert.True(_content.Save(page).Success);
        _made.Add(page);
        return page;
    }

    private void Publish(IContent page)
    {
        var result = _content.Publish(page, ["*"]);
        Assert.True(result.Success, $"{result.Result}: {string.Join(" ", result.EventMessages?.GetAll().Select(m => m.Message) ?? [])}");
    }

    [Fact]
    public async Task Publishing_unpublishing_and_deleting_a_page_show_in_search_within_seconds()
    {
        var segment = "search-test-" + Guid.NewGuid().ToString("N")[..8];
        var page = MakePage("口腔体操のすすめ", segment, "お口の周りの筋肉をきたえる口腔体操を、毎日続けましょう。");
        var url = $"/{segment}/";
        Assert.DoesNotContain(url, await ResultUrlsAsync("口腔体操")); // a draft is not searchable

        Publish(page);
        Assert.Contains(url, await WithinSecondsAsync("口腔体操", u => u.Contains(url)));

        Assert.True(_content.Unpublish(page).Success);
        Assert.DoesNotContain(url, await WithinSecondsAsync("口腔体操", u => !u.Contains(url)));

        Publish(page);
        Assert.Contains(url, await WithinSecondsAsync("口腔体操", u => u.Contains(url)));
        Assert.True(_content.MoveToRecycleBin(page).Success);
        Assert.DoesNotContain(url, await WithinSecondsAsync("口腔体操", u => !u.Contains(url)));
    }

    [Fact]
    public async Task Unpublishing_a_page_removes_its_descendants_from_search_too()
    {
        var segment = "search-parent-" + Guid.NewGuid().ToString("N")[..8];
        var parent = MakePage("親のページ", segment, "親のページです。");
        var child = MakePage("子のページ", "kodomo", "車いすの貸し出しについての子のページです。", parent);
        Publish(parent);
        Publish(child);
        var childUrl = $"/{segment}/kodomo/";
        Assert.Contains(childUrl, await WithinSecondsAsync("車いすの貸し出し", u => u.Contains(childUrl)));

        Assert.True(_content.Unpublish(parent).Success);

        Assert.DoesNotContain(childUrl, await WithinSecondsAsync("車いすの貸し出し", u => !u.Contains(childUrl)));
    }

    [Fact]
    public async Task While_the_index_is_rebuilt_search_answers_503_in_Japanese_then_finds_again()
    {
        var indexing = site.Factory.Services.GetRequiredService<SearchIndexing>();
        var rebuilder = site.Factory.Services.GetRequiredService<IIndexRebuilder>();
        var before = indexing.LastPopulation;
        // Holding the index's write lock keeps the rebuild (Examine Management's) at work for as long as we look.
        Assert.True(await indexing.Gate.WaitAsync(TimeSpan.FromSeconds(30)));
        try
        {
            Assert.True((await rebuilder.RebuildIndexAsync(ZaitakuSearchIndex.IndexName, TimeSpan.Zero, useBackgroundThread: true)).Success);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!await rebuilder.IsRebuildingAsync(ZaitakuSearchIndex.IndexName) && DateTime.UtcNow < until) await Task.Delay(20);

            var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString("人生会議"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("10", response.Headers.RetryAfter?.ToString());
            Assert.Contains("検索の準備中です", Html.Text(await response.Content.ReadAsStringAsync()));
        }
        finally
        {
            indexing.Gate.Release();
        }
        await SearchReady.WaitAsync(_client);
        Assert.NotEqual(before, indexing.LastPopulation);
        Assert.Equal("/acp/", (await ResultUrlsAsync("人生会議"))[0]);
    }

    [Fact]
    public async Task A_synonym_the_secretariat_publishes_works_within_seconds_without_a_rebuild()
    {
        Assert.DoesNotContain("/about/council/", await ResultUrlsAsync("ターミナルケア"));
        var settings = _content.GetRootContent().First(r => r.ContentType.Alias == SearchSynonymSource.SettingsAlias);
        var original = settings.GetValue<string>(SearchSynonymSource.PropertyAlias);
        try
        {
            settings.SetValue(SearchSynonymSource.PropertyAlias, original + "\n看取り、ターミナルケア");
            Assert.True(_content.Save(settings).Success);
            Assert.DoesNotContain("/about/council/", await ResultUrlsAsync("ターミナルケア")); // saved, not yet published
            Publish(settings);

            // Umbraco raises the cache refresher notification as the publish completes; no rebuild is needed.
            Assert.Contains("/about/council/", await WithinSecondsAsync("ターミナルケア", u => u.Contains("/about/council/")));
            var found = await _client.GetStringAsync("/search?q=" + Uri.EscapeDataString("ターミナルケア"));
            Assert.Contains("href=\"/about/council/\"", found);
            var council = new HtmlParser().ParseDocument(found).QuerySelectorAll(".search-result")
                .First(r => r.QuerySelector("a")!.GetAttribute("href") == "/about/council/");
            Assert.Contains("看取り", council.QuerySelectorAll("mark").Select(m => m.TextContent));
            Assert.Contains("/about/plan/", await ResultUrlsAsync("CM")); // the seeded groups are kept
        }
        finally
        {
            settings = _content.GetById(settings.Key)!;
            settings.SetValue(SearchSynonymSource.PropertyAlias, original);
            Assert.True(_content.Save(settings).Success);
            Publish(settings);
        }
        Assert.DoesNotContain("/about/council/", await WithinSecondsAsync("ターミナルケア", u => !u.Contains("/about/council/")));
    }

    [Fact]
    public void A_synonym_line_with_one_word_is_refused_with_a_message_and_nothing_is_saved()
    {
        var settings = _content.GetRootContent().First(r => r.ContentType.Alias == SearchSynonymSource.SettingsAlias);
        var original = settings.GetValue<string>(SearchSynonymSource.PropertyAlias);

        settings.SetValue(SearchSynonymSource.PropertyAlias, "ACP, 人生会議\n在宅医療");
        var result = _content.Save(settings);

        Assert.False(result.Success);
        Assert.Contains(result.EventMessages!.GetAll(), m => m.Message == "2行目：同じ意味の言葉を「,」で区切って2つ以上書いてください。");
        Assert.Equal(original, _content.GetById(settings.Key)!.GetValue<string>(SearchSynonymSource.PropertyAlias));
    }
}
