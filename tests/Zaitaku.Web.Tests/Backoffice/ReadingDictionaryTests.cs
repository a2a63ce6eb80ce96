using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Reading;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// 読みの辞書: the secretariat corrects a reading, and the public pages' ふりがな follow at once;
/// a line that cannot be used is refused with its line named and what was typed kept.
/// </summary>
public sealed class ReadingDictionaryTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private readonly BackofficeClient _reviewer = accounts.Clients["Reviewers"];

    private Task<string> PageWithFuriganaAsync(string url) => PageWithFuriganaAsync(accounts.Factory, url);

    private static async Task<string> PageWithFuriganaAsync(SiteFactory site, string url)
    {
        var client = site.CreateClient(new() { HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", "zaitaku-furigana=on");
        return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_reading_the_secretariat_saves_replaces_MeCabs_on_the_public_pages_at_once()
    {
        var before = await PageWithFuriganaAsync("/acp/"); // cached with MeCab's readings
        Assert.Contains("<ruby>作業<rp>（</rp><rt>さぎょう</rt><rp>）</rp></ruby><ruby>部会<rp>（</rp><rt>ぶかい</rt>", before);

        var response = await _reviewer.PostFormAsync("/umbraco/readings", "/umbraco/readings",
            ("Form.Entries", "大和郡山 やまとこおりやま\n作業部会 さぎょうぶかい"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("読みの辞書を保存しました（2語）", Html.Text(await _reviewer.Http.GetStringAsync("/umbraco/readings")));
        var after = await PageWithFuriganaAsync("/acp/");
        Assert.Contains("<ruby>作業部会<rp>（</rp><rt>さぎょうぶかい</rt><rp>）</rp></ruby>", after);
        // The words read aloud follow the dictionary too.
        Assert.Contains("&quot;作業部会&quot;:&quot;さぎょうぶかい&quot;", after);
        var admin = accounts.Clients["Administrators"];
        Assert.Contains("読みの辞書の変更", Html.Text(await admin.Http.GetStringAsync("/umbraco/audit?action=reading.dictionary")));
    }

    [Fact]
    public async Task A_line_that_cannot_be_used_is_refused_with_its_line_named_and_the_text_kept()
    {
        var response = await _reviewer.PostFormAsync("/umbraco/readings", "/umbraco/readings",
            ("Form.Entries", "大和郡山 やまとこおりやま\n看取り 看取"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2行目：「看取」の読みは、ひらがなで書いてください。", Html.Text(html));
        Assert.Contains("看取り 看取</textarea>", html);
    }

    [Fact]
    public async Task The_sample_box_shows_the_reading_the_public_site_would_use()
    {
        var html = await _reviewer.Http.GetStringAsync("/umbraco/readings?sample=" + Uri.EscapeDataString("大和郡山市の看取り"));

        Assert.Contains("<ruby>大和郡山<rp>（</rp><rt>やまとこおりやま</rt><rp>）</rp></ruby>", html);
        Assert.Contains("<ruby>看取<rp>（</rp><rt>みと</rt><rp>）</rp></ruby>り", html);
    }

    [Fact]
    public async Task A_dictionary_saved_on_another_node_whose_message_was_lost_is_found_by_the_database_check()
    {
        using var site = new SiteFactory();
        var check = site.Services.GetRequiredService<Zaitaku.Web.Notifications.DatabaseChangeCheck>();
        Assert.Contains("<rt>さぎょう</rt>", await PageWithFuriganaAsync(site, "/acp/")); // cached with MeCab's readings
        await check.CheckAsync();

        // Another node saves the dictionary; no message reaches this one.
        await site.WithDatabaseAsync(async db =>
        {
            db.BackofficeSettings.Add(new() { Key = ReadingDictionary.SettingKey, Value = ReadingDictionary.Parse("作業部会 さぎょうぶかい").Format() });
            await db.SaveChangesAsync();
        });
        Assert.Contains("<rt>さぎょう</rt>", await PageWithFuriganaAsync(site, "/acp/"));

        // The check runs every few seconds on its own; calling it here just saves the wait.
        await check.CheckAsync();
        Assert.Contains("<ruby>作業部会<rp>（</rp><rt>さぎょうぶかい</rt><rp>）</rp></ruby>", await PageWithFuriganaAsync(site, "/acp/"));
    }
}
