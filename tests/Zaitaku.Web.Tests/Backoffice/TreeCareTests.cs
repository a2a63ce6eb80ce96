using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Create, move, sort, delete to the recycle bin and restore; a published page that is renamed or
/// moved keeps answering at its old address with a 301 to the new one.
/// </summary>
public sealed partial class TreeCareTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [GeneratedRegex("^/umbraco/content/(\\d+)$")]
    private static partial Regex EditPath();

    private BackofficeClient Admin => accounts.Clients["Administrators"];
    private BackofficeClient Reviewer => accounts.Clients["Reviewers"];

    private async Task<int> NodeIdAsync(string name) => int.Parse((await accounts.EditUrlAsync(name)).Split('/').Last());

    private async Task<HttpResponseMessage> PublicAsync(string path) =>
        await accounts.Factory.CreatePlainClient().GetAsync(path);

    /// <summary>Creates a page through the create form and publishes it with a body; returns its edit URL.</summary>
    private async Task<string> CreatePublishedAsync(BackofficeClient client, string parentName, string name, string segment)
    {
        var parent = await NodeIdAsync(parentName);
        var created = await client.PostFormAsync($"/umbraco/content/create?parent={parent}", "/umbraco/content/create",
            ("Parent", parent.ToString()), ("ContentType", "contentPage"), ("Name", name), ("UrlSegment", segment));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = BackofficeAccounts.Where(created);
        Assert.Matches(EditPath(), editUrl);
        var published = await client.EditAndSubmitAsync(editUrl, ("command", "publish"), ("Values[body]", $"{name}の本文です。"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return editUrl;
    }

    [Fact]
    public async Task A_reviewer_creates_a_page_under_a_section_and_it_is_live_once_published()
    {
        var form = await Reviewer.Http.GetStringAsync($"/umbraco/content/create?parent={await NodeIdAsync("事業について")}");
        Assert.Contains("一般ページ", Html.Text(form));

        var editUrl = await CreatePublishedAsync(Reviewer, "事業について", "研修会のお知らせ", "kenshu");

        var page = await PublicAsync("/about/kenshu/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("研修会のお知らせの本文です。", await page.Content.ReadAsStringAsync());
        var about = await (await PublicAsync("/about/")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/about/kenshu/\"", about);
        Assert.Contains(editUrl, await Admin.Http.GetStringAsync("/umbraco/content"));
    }

    [Fact]
    public async Task A_bad_or_taken_address_is_refused_beside_the_field_and_the_typed_name_is_kept()
    {
        var parent = (await NodeIdAsync("事業について")).ToString();
        foreach (var (segment, message) in new[] { ("研修 会", "半角の英小文字・数字"), ("Council", "「council」というURLのページがすでにあります"), ("a--b", "半角の英小文字・数字") })
        {
            var response = await Admin.PostFormAsync($"/umbraco/content/create?parent={parent}", "/umbraco/content/create",
                ("Parent", parent), ("ContentType", "contentPage"), ("Name", "入力したページ名"), ("UrlSegment", segment));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(message, Html.Text(html));
            Assert.Contains("value=\"入力したページ名\"", html);
            Assert.Contains("id=\"UrlSegment-error\"", html);
        }
        // A type the parent does not allow is refused too, even when posted by hand.
        var wrongType = await Admin.PostFormAsync($"/umbraco/content/create?parent={parent}", "/umbraco/content/create",
            ("Parent", parent), ("ContentType", "column"), ("Name", "コラム"), ("UrlSegment", "x-column"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("この場所に置ける種類から選んでください", Html.Text(await wrongType.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Renaming_a_published_address_twice_sends_both_old_addresses_to_the_newest_in_one_hop()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "会議の記録", "kaigi-kiroku");

        Assert.Equal(HttpStatusCode.Redirect, (await Admin.EditAndSubmitAsync(editUrl, ("command", "publish"), ("urlSegment", "kaigiroku"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Admin.EditAndSubmitAsync(editUrl, ("command", "publish"), ("urlSegment", "kaigi"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/about/kaigi/")).StatusCode);
        foreach (var old in new[] { "/about/kaigi-kiroku/", "/about/kaigiroku/", "/ABOUT/kaigiroku" })
        {
            var response = await PublicAsync(old + "?from=print");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/about/kaigi/?from=print", response.Headers.Location!.OriginalString);
        }
        var list = await Admin.Http.GetStringAsync("/umbraco/redirects");
        Assert.Contains("/about/kaigi-kiroku/", list);
        Assert.Contains("会議の記録", list);
        var audit = await Admin.Http.GetStringAsync("/umbraco/audit?action=content.url-changed");
        Assert.Contains("kaigiroku → kaigi", Html.Text(audit));
    }

    [Fact]
    public async Task A_saved_but_unpublished_rename_changes_nothing_on_the_site_until_it_is_published()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "下書きの改名", "shitagaki");

        await Admin.EditAndSubmitAsync(editUrl, ("command", "save"), ("urlSegment", "shitagaki-2"));

        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/about/shitagaki/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PublicAsync("/about/shitagaki-2/")).StatusCode);
    }

    [Fact]
    public async Task Retiring_a_redirect_makes_the_old_address_a_404()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "転送をやめるページ", "yameru");
        await Admin.EditAndSubmitAsync(editUrl, ("command", "publish"), ("urlSegment", "yameta"));
        Assert.Equal(HttpStatusCode.MovedPermanently, (await PublicAsync("/about/yameru/")).StatusCode);

        var list = await Admin.Http.GetStringAsync("/umbraco/redirects");
        var id = Regex.Match(list, "action=\"/umbraco/redirects/(\\d+)/delete\"[^>]*>\\s*<button[^>]*aria-label=\"/about/yameru/ ").Groups[1].Value;
        var retired = await Admin.PostFormAsync("/umbraco/redirects", $"/umbraco/redirects/{id}/delete");

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PublicAsync("/about/yameru/")).StatusCode);
    }

    [Fact]
    public async Task Moving_a_published_page_moves_its_address_and_the_old_one_redirects()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "移動するページ", "idou");
        var id = editUrl.Split('/').Last();
        var moveForm = await Admin.Http.GetStringAsync($"/umbraco/content/{id}/move");
        Assert.Contains("人生会議（ACP）", Html.Text(moveForm)); // the ACP page takes content pages
        Assert.DoesNotContain("value=\"" + id + "\"", moveForm); // not into itself
        var acp = await NodeIdAsync("人生会議（ACP）");

        var moved = await Admin.PostFormAsync($"/umbraco/content/{id}/move", $"/umbraco/content/{id}/move", ("destination", acp.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/acp/idou/")).StatusCode);
        var old = await PublicAsync("/about/idou/");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/acp/idou/", old.Headers.Location!.OriginalString);
        Assert.DoesNotContain("/about/idou/", await (await PublicAsync("/about/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_move_to_a_place_that_does_not_take_the_page_is_refused_with_a_message()
    {
        var id = await NodeIdAsync("推進会議と作業部会");
        var columns = await NodeIdAsync("広報つながり 認知症予防コラム");
        var refused = await Admin.PostFormAsync($"/umbraco/content/{id}/move", $"/umbraco/content/{id}/move", ("destination", columns.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("移動先を一覧から選んでください", Html.Text(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/about/council/")).StatusCode);
    }

    [Fact]
    public async Task Sorting_changes_the_order_readers_see_and_a_bad_number_is_explained()
    {
        var about = await NodeIdAsync("事業について");
        var form = await Admin.Http.GetStringAsync($"/umbraco/content/{about}/sort");
        var ids = Regex.Matches(form, "name=\"order\\[(\\d+)\\]\"").Select(m => m.Groups[1].Value).ToList();
        var plan = (await NodeIdAsync("事業計画（令和6年度〜令和8年度）")).ToString();
        Assert.Contains(plan, ids);

        var bad = await Admin.PostFormAsync($"/umbraco/content/{about}/sort", $"/umbraco/content/{about}/sort",
            ids.Select(i => ($"order[{i}]", i == plan ? "最初" : "5")).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("順番を1以上の数字で入力してください", Html.Text(await bad.Content.ReadAsStringAsync()));

        var sorted = await Admin.PostFormAsync($"/umbraco/content/{about}/sort", $"/umbraco/content/{about}/sort",
            ids.Select(i => ($"order[{i}]", i == plan ? "1" : "5")).ToArray());
        Assert.Equal(HttpStatusCode.Redirect, sorted.StatusCode);
        var page = Html.Text(await (await PublicAsync("/about/")).Content.ReadAsStringAsync());
        var main = page[page.IndexOf("このページの内容", StringComparison.Ordinal)..];
        Assert.True(main.IndexOf("事業計画（令和6年度〜令和8年度）", StringComparison.Ordinal) < main.IndexOf("推進会議と作業部会", StringComparison.Ordinal), main);
    }

    [Fact]
    public async Task A_deleted_page_leaves_the_site_and_comes_back_from_the_recycle_bin()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "ごみ箱に入れるページ", "gomibako");
        var id = editUrl.Split('/').Last();
        var confirm = Html.Text(await Admin.Http.GetStringAsync($"/umbraco/content/{id}/delete"));
        Assert.Contains("公開中のページは、すぐに公開サイトから消えます", confirm);

        var trashed = await Admin.PostFormAsync($"/umbraco/content/{id}/delete", $"/umbraco/content/{id}/delete");

        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PublicAsync("/about/gomibako/")).StatusCode);
        Assert.DoesNotContain($"href=\"{editUrl}\"", await Admin.Http.GetStringAsync("/umbraco/content"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(editUrl)).StatusCode);
        var bin = await Admin.Http.GetStringAsync("/umbraco/content/recycle-bin");
        Assert.Contains("ごみ箱に入れるページ", bin);
        Assert.Contains("事業について", Html.Text(bin)); // where it came from

        var restored = await Admin.PostFormAsync("/umbraco/content/recycle-bin", $"/umbraco/content/{id}/restore");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/about/gomibako/")).StatusCode);
        Assert.DoesNotContain($"/umbraco/content/{id}/restore", await Admin.Http.GetStringAsync("/umbraco/content/recycle-bin"));
    }

    [Fact]
    public async Task A_page_whose_address_was_taken_meanwhile_is_not_restored_over_the_new_one()
    {
        var first = (await CreatePublishedAsync(Admin, "事業について", "古いお知らせ", "oshirase")).Split('/').Last();
        await Admin.PostFormAsync($"/umbraco/content/{first}/delete", $"/umbraco/content/{first}/delete");
        await CreatePublishedAsync(Admin, "事業について", "新しいお知らせ", "oshirase");

        var refused = await Admin.PostFormAsync("/umbraco/content/recycle-bin", $"/umbraco/content/{first}/restore");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("元の場所に同じURL（oshirase）のページがあるため、戻せません", Html.Text(await refused.Content.ReadAsStringAsync()));
        Assert.Contains("新しいお知らせの本文です。", await (await PublicAsync("/about/oshirase/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_an_administrator_deletes_for_good_and_then_nothing_of_the_page_remains()
    {
        var editUrl = await CreatePublishedAsync(Admin, "事業について", "完全に消すページ", "kesu");
        await Admin.EditAndSubmitAsync(editUrl, ("command", "publish"), ("urlSegment", "kesu-2"));
        var id = editUrl.Split('/').Last();
        await Admin.PostFormAsync($"/umbraco/content/{id}/delete", $"/umbraco/content/{id}/delete");

        var byReviewer = await Reviewer.PostFormAsync("/umbraco/content/recycle-bin", $"/umbraco/content/{id}/destroy");
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(byReviewer));
        Assert.DoesNotContain("完全に削除</button>", await Reviewer.Http.GetStringAsync("/umbraco/content/recycle-bin"));

        var destroyed = await Admin.PostFormAsync("/umbraco/content/recycle-bin", $"/umbraco/content/{id}/destroy");

        Assert.Equal(HttpStatusCode.Redirect, destroyed.StatusCode);
        Assert.DoesNotContain($"/umbraco/content/{id}/restore", await Admin.Http.GetStringAsync("/umbraco/content/recycle-bin"));
        Assert.DoesNotContain("/about/kesu/", await Admin.Http.GetStringAsync("/umbraco/redirects"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostFormAsync("/umbraco/content/recycle-bin", $"/umbraco/content/{id}/restore")).StatusCode);
        Assert.Contains("完全に削除", Html.Text(await Admin.Http.GetStringAsync("/umbraco/audit?action=content.destroy")));
    }

    [Fact]
    public async Task The_home_page_cannot_be_deleted()
    {
        var home = await NodeIdAsync("大和郡山市 在宅医療・介護連携");
        var refused = await Admin.PostFormAsync("/umbraco/content", $"/umbraco/content/{home}/delete");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("最上位のページ", Html.Text(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await PublicAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_new_page_under_a_new_unpublished_section_can_be_previewed_inside_it()
    {
        var about = (await NodeIdAsync("事業について")).ToString();
        var section = await Admin.PostFormAsync($"/umbraco/content/create?parent={about}", "/umbraco/content/create",
            ("Parent", about), ("ContentType", "contentPage"), ("Name", "新しい取組み"), ("UrlSegment", "atarashii"));
        var sectionId = BackofficeAccounts.Where(section).Split('/').Last();
        var child = await Admin.PostFormAsync($"/umbraco/content/create?parent={sectionId}", "/umbraco/content/create",
            ("Parent", sectionId), ("ContentType", "contentPage"), ("Name", "説明会の案内"), ("UrlSegment", "setsumeikai"));
        var childUrl = BackofficeAccounts.Where(child);
        await Admin.EditAndSubmitAsync(childUrl, ("command", "save"), ("Values[body]", "説明会の下書きです。"));

        var preview = Regex.Match(await Admin.Http.GetStringAsync(childUrl), "href=\"(?:http://localhost)?(/preview/[^\"]+)\"").Groups[1].Value;
        var page = await accounts.Factory.CreatePlainClient().GetAsync(WebUtility.HtmlDecode(preview));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = Html.Text(await page.Content.ReadAsStringAsync());
        Assert.Contains("説明会の下書きです。", text);
        Assert.Contains("新しい取組み", text); // the unpublished section, in the breadcrumbs
        Assert.Equal(HttpStatusCode.NotFound, (await PublicAsync("/about/atarashii/setsumeikai/")).StatusCode);
    }
}
