using System.Diagnostics;
using System.Net;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>
/// nginx's micro-cache as shipped (deploy/nginx/zaitaku-locations.conf): about a second of anonymous public
/// pages, and never anything personal. Its X-Cache header (nginx's $upstream_cache_status) says
/// whether an answer came from the cache.
/// </summary>
public sealed partial class ClusterTests
{
    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;

    private HttpClient Through(string? cookie = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = cluster.Nginx };
        if (cookie is not null) http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    [ClusterFact]
    public async Task The_micro_cache_keeps_anonymous_pages_for_a_second_and_nothing_personal()
    {
        using var anonymous = Through();
        // An anonymous GET: the first asks a node, the next within the second is nginx's copy.
        var page = $"/soudan/?micro={Guid.NewGuid():N}";
        Assert.Equal("MISS", CacheStatus(await anonymous.GetAsync(page)));
        Assert.Equal("HIT", CacheStatus(await anonymous.GetAsync(page)));
        // nginx keeps time in whole seconds and an entry "valid 1s" until the second after next: between 1 and 2 s.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        Assert.NotEqual("HIT", CacheStatus(await anonymous.GetAsync(page))); // then it asks a node again

        // With the backoffice's sign-in cookie: passed to a node, and its answer kept for nobody.
        var signedIn = await cluster.Nodes[0].SignInAsync();
        var cookie = string.Join("; ", signedIn.Cookies.GetAllCookies().Select(c => $"{c.Name}={c.Value}"));
        Assert.Contains(".Zaitaku.Backoffice", cookie);
        using var editor = Through(cookie);
        var personal = $"/about/?micro={Guid.NewGuid():N}";
        Assert.Equal("BYPASS", CacheStatus(await editor.GetAsync(personal)));
        Assert.Equal("BYPASS", CacheStatus(await editor.GetAsync(personal)));
        Assert.Equal("MISS", CacheStatus(await anonymous.GetAsync(personal))); // nothing was stored from the editor's requests

        // A POST always reaches a node: two posts to one address, each answered with what it carried (the
        // enquiry form sent without its other answers comes back with the text kept). A cached answer would repeat the first.
        var resident = new Infrastructure.FormFiller(new Infrastructure.BackofficeClient(cluster.Nginx).Http);
        var filled = await resident.FillAsync("/contact/", Enquiry, ("お問い合わせの内容", "下書き"));
        var question = filled.Fields.Single(f => f.Value == "下書き").Key;
        foreach (var text in new[] { $"一回目{Guid.NewGuid():N}", $"二回目{Guid.NewGuid():N}" })
        {
            filled.Fields.RemoveAll(f => f.Key == question);
            filled.Fields.Add(KeyValuePair.Create(question, text));
            var post = await resident.SendAsync(filled);
            Assert.True((int)post.StatusCode is 400 or 429, $"{(int)post.StatusCode}");
            Assert.NotEqual("HIT", CacheStatus(post));
            Assert.Contains(text, await post.Content.ReadAsStringAsync());
        }

        // An answer that sets a cookie is not kept: the enquiry page gives each new visitor an antiforgery cookie.
        var contact = $"/contact/?micro={Guid.NewGuid():N}";
        var withCookie = await anonymous.GetAsync(contact);
        Assert.True(withCookie.Headers.Contains("Set-Cookie"), "The enquiry page set no cookie");
        var next = await anonymous.GetAsync(contact);
        Assert.NotEqual("HIT", CacheStatus(next));
        Assert.True(next.Headers.Contains("Set-Cookie"), "The second visitor got no cookie of their own");

        // The backoffice, signed in or not, never passes through the cache (its location has none).
        foreach (var client in new[] { anonymous, editor })
            foreach (var url in new[] { "/umbraco/login", "/umbraco", "/umbraco/content" })
                for (var i = 0; i < 2; i++)
                    Assert.Null(CacheStatus(await client.GetAsync(url)));
    }

    [ClusterFact]
    public async Task A_publish_on_node_1_is_visible_through_the_micro_cache_once_its_entry_expires_and_the_change_has_spread()
    {
        var (admin, editUrl) = await EditorOnAsync(cluster.Nodes[0]);
        using var visitor = Through();
        // The exact address residents use, so the micro-cache holds it.
        await EventuallyAsync(async () => CacheStatus(await visitor.GetAsync(ColumnUrl)) == "HIT", TimeSpan.FromSeconds(3), "nginx did not cache the column");

        var mark = $"マイクロキャッシュ確認{Guid.NewGuid():N}";
        var published = await admin.EditAndSubmitAsync(editUrl, ("command", "publish"), ("Values[body]", $"この本文は{mark}です。"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var clock = Stopwatch.StartNew();
        await EventuallyAsync(async () => (await visitor.GetStringAsync(ColumnUrl)).Contains(mark), TimeSpan.FromSeconds(10),
            "The change did not come through nginx");
        output.WriteLine($"publish on node 1 → through nginx's micro-cache after {clock.Elapsed.TotalMilliseconds:0} ms");
        // The micro-cache's entry (1–2 s, nginx counting whole seconds) plus the propagation (the first test's
        // bound on a loaded machine, 4 s; under a second on a quiet one).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"{clock.Elapsed.TotalMilliseconds:0} ms");
    }
}
