using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>The secretariat edits the synonym list and rebuilds the index; both are in the audit trail.</summary>
public sealed class SearchAdminTests : IClassFixture<BackofficeAccounts>, IAsyncLifetime
{
    private readonly BackofficeAccounts _accounts;
    private readonly BackofficeClient _admin;
    private readonly HttpClient _public;

    public SearchAdminTests(BackofficeAccounts accounts)
    {
        _accounts = accounts;
        _admin = accounts.Clients["Administrators"];
        _public = accounts.Factory.CreatePlainClient();
    }

    public Task InitializeAsync() => SearchReady.WaitAsync(_public);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> SearchTextAsync(string query) =>
        Html.Text(await _public.GetStringAsync("/search?q=" + Uri.EscapeDataString(query)));

    [Fact]
    public async Task The_page_shows_the_seeded_synonyms_and_the_index()
    {
        var text = Html.Text(await _admin.Http.GetStringAsync("/umbraco/search"));

        Assert.Contains("ACP, 人生会議, アドバンス・ケア・プランニング", text);
        Assert.Contains("ケアマネ, ケアマネジャー, 介護支援専門員, CM", text);
        Assert.Contains("包括, 地域包括支援センター", text);
        Assert.Contains("検索できます", text);
    }

    [Fact]
    public async Task A_synonym_the_secretariat_adds_works_at_the_next_search()
    {
        Assert.Contains("一致するページは見つかりませんでした", await SearchTextAsync("ターミナルケア"));
        var current = System.Net.WebUtility.HtmlDecode(Html.Between(await _admin.Http.GetStringAsync("/umbraco/search"), "rows=\"12\"", "</textarea>")!)
            .Split('>', 2)[1].Trim();

        var response = await _admin.PostFormAsync("/umbraco/search", "/umbraco/search/synonyms",
            ("Form.Synonyms", current + "\n看取り、ターミナルケア"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("同義語の一覧を保存しました（4行）", Html.Text(await _admin.Http.GetStringAsync("/umbraco/search")));
        var found = await _public.GetStringAsync("/search?q=" + Uri.EscapeDataString("ターミナルケア"));
        Assert.Contains("href=\"/about/council/\"", found);
        Assert.Contains("<mark>看取り</mark>", found);
        Assert.Contains("/about/plan/", await _public.GetStringAsync("/search?q=CM")); // the seeded groups are kept
        Assert.Contains("検索の同義語の変更", Html.Text(await _admin.Http.GetStringAsync("/umbraco/audit?action=search.synonyms")));
    }

    [Fact]
    public async Task A_synonym_list_saved_on_another_node_whose_message_was_lost_is_found_by_the_database_check()
    {
        using var site = new SiteFactory();
        var client = site.CreatePlainClient();
        await SearchReady.WaitAsync(client);
        var check = site.Services.GetRequiredService<Zaitaku.Web.Notifications.DatabaseChangeCheck>();
        await check.CheckAsync();
        Assert.Contains("一致するページは見つかりませんでした", Html.Text(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("ターミナルケア"))));

        // Another node saves the list; no message reaches this one.
        await site.WithDatabaseAsync(async db =>
        {
            var setting = await db.BackofficeSettings.FindAsync(SearchSynonyms.SettingKey);
            if (setting is null) db.BackofficeSettings.Add(setting = new() { Key = SearchSynonyms.SettingKey, Value = SearchSynonyms.Default });
            setting.Value = SearchSynonyms.Parse(setting.Value + "\n看取り、ターミナルケア").Format();
            await db.SaveChangesAsync();
        });

        // The check runs every few seconds on its own; calling it here just saves the wait.
        await check.CheckAsync();
        Assert.Contains("href=\"/about/council/\"", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("ターミナルケア")));
    }

    [Fact]
    public async Task A_line_with_one_word_is_refused_with_a_message_and_nothing_is_saved()
    {
        var response = await _admin.PostFormAsync("/umbraco/search", "/umbraco/search/synonyms", ("Form.Synonyms", "ACP, 人生会議\n在宅医療"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2行目：同じ意味の言葉を「,」で区切って2つ以上書いてください。", Html.Text(await response.Content.ReadAsStringAsync()));
        Assert.Contains("ケアマネ, ケアマネジャー", Html.Text(await _admin.Http.GetStringAsync("/umbraco/search")));
    }

    [Fact]
    public async Task An_administrator_rebuilds_the_index_and_it_is_audited()
    {
        var response = await _admin.PostFormAsync("/umbraco/search", "/umbraco/search/rebuild");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = Html.Text(await _admin.Http.GetStringAsync("/umbraco/search"));
        Assert.Matches(@"検索インデックスを再構築しました（\d+件）", page);
        Assert.Contains("バックオフィスから", page);
        Assert.Contains("検索インデックスの再構築", Html.Text(await _admin.Http.GetStringAsync("/umbraco/audit?action=search.rebuild")));
        Assert.Contains("<a href=\"/acp/\"><mark>人生会議</mark>（<mark>ACP</mark>）</a>", await _public.GetStringAsync("/search?q=" + Uri.EscapeDataString("人生会議")));
    }
}
