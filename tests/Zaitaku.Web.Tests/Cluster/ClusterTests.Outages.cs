using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using SkiaSharp;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>
/// The cluster without its database, and media shared between the nodes: residents keep reading,
/// editors and residents are told in Japanese that saving waits, with what they typed shown back, and
/// everything goes on by itself when PostgreSQL returns; a file uploaded on one node is at once on all.
/// </summary>
public sealed partial class ClusterTests
{
    private const string Enquiry = "事務局へのお問い合わせ";

    [GeneratedRegex("<a href=\"/umbraco/media\\?folder=(\\d+)\">([^<]+)</a>")]
    private static partial Regex MediaFolderLink();

    [GeneratedRegex("<a href=\"(/media/[0-9a-f]{32}/\\d+/[^\"]+)\">")]
    private static partial Regex MediaPublicUrl();

    [ClusterFact]
    public async Task With_PostgreSQL_stopped_pages_are_served_saving_answers_503_with_the_text_kept_and_it_resumes_by_itself()
    {
        var (admin, editUrl) = await EditorOnAsync(cluster.Nodes[0]);
        var reader = cluster.Nodes[2].NewClient().Http;
        var mark = $"停止中に書いた本文{Guid.NewGuid():N}";
        // What the editor's browser holds when the database goes: the edit page, read before, with a new body typed in.
        var edit = await admin.ReadFormAsync(editUrl);
        edit.RemoveAll(f => f.Key == "Values[body]");
        edit.AddRange([KeyValuePair.Create("Values[body]", $"この本文は{mark}です。"), KeyValuePair.Create("command", "publish")]);
        // A resident's enquiry, filled in on node 2.
        var resident = new FormFiller(cluster.Nodes[1].NewClient().Http);
        var enquiry = await resident.FillAsync("/contact/", Enquiry,
            ("お名前", "停電 中子"), ("メールアドレス", "outage@example.jp"), ("電話番号", "0743-55-0123"),
            ("お問い合わせの種類", "このサイトについて"), ("お問い合わせの内容", "データベースが止まっている間に書いた相談 P5"), ("個人情報の取り扱い", "同意する"));

        await cluster.StopPostgreSqlAsync();
        try
        {
            // Published pages come from each node's memory, through nginx (a query string of its own passes its micro-cache).
            using var visitor = new HttpClient { BaseAddress = cluster.Nginx };
            foreach (var url in new[] { "/", ColumnUrl, "/soudan/", "/contact/" })
                for (var i = 0; i < 3; i++) // least_conn spreads them over the nodes
                {
                    var page = await visitor.GetAsync($"{url}?outage={Guid.NewGuid():N}");
                    Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode} while PostgreSQL was stopped");
                }

            var save = await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, save.StatusCode);
            var saveText = Html.Text(await save.Content.ReadAsStringAsync());
            Assert.Contains("ただいま保存や受け付けができません", saveText);
            Assert.Contains(mark, saveText); // shown back to copy

            var sent = await resident.SendAsync(enquiry);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
            var sentHtml = await sent.Content.ReadAsStringAsync();
            Assert.Contains("ただいま受け付けができません", Html.Text(sentHtml));
            Assert.Contains("データベースが止まっている間に書いた相談 P5", sentHtml); // still in the form, ready to send again
        }
        finally { await cluster.StartPostgreSqlAsync(); }

        // No node restarted: the same posts go through once the server is back (the pools reconnect by themselves).
        var clock = Stopwatch.StartNew();
        HttpResponseMessage again;
        while ((again = await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit))).StatusCode == HttpStatusCode.ServiceUnavailable
               && clock.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var resumed = clock.Elapsed;
        var published = Stopwatch.StartNew();
        await EventuallyAsync(async () => (await reader.GetStringAsync(ColumnUrl)).Contains(mark), TimeSpan.FromSeconds(6),
            "Node 3 did not serve the change saved after PostgreSQL returned");
        output.WriteLine($"PostgreSQL back: the save went through after {resumed.TotalMilliseconds:0} ms; node 3 served it {published.Elapsed.TotalMilliseconds:0} ms later");
        Assert.Equal(HttpStatusCode.SeeOther, (await resident.SendAsync(enquiry)).StatusCode);
    }

    [ClusterFact]
    public async Task An_image_uploaded_or_replaced_on_node_1_is_served_by_node_3_and_listed_on_node_2_at_once()
    {
        var admin = await cluster.Nodes[0].SignInAsync();
        var folder = MediaFolderLink().Matches(await admin.Http.GetStringAsync("/umbraco/media")).Single(m => m.Groups[2].Value == "共有").Groups[1].Value;
        var name = $"cluster-{Guid.NewGuid():N}"[..20];

        var uploaded = await admin.UploadAsync("/umbraco", "/umbraco/media/upload", ("file", name + ".jpg", MediaSamples.Jpeg(1200, 800), "image/jpeg"),
            ("Folder", folder), ("AltText", "クラスターで共有する写真"));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var editUrl = BackofficeAccounts.Where(uploaded);
        var url = WebUtility.HtmlDecode(MediaPublicUrl().Match(await admin.Http.GetStringAsync(editUrl)).Groups[1].Value);
        var node3 = cluster.Nodes[2].NewClient().Http;
        var clock = Stopwatch.StartNew();
        await EventuallyAsync(async () => (await node3.GetAsync(url)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(2),
            $"Node 3 did not serve {url}");
        output.WriteLine($"upload on node 1 → served by node 3 after {clock.Elapsed.TotalMilliseconds:0} ms");
        using (var original = SKBitmap.Decode(await node3.GetByteArrayAsync(url))) Assert.Equal(1200, original.Width);
        // The resized copy is made by node 3 itself, from the shared file.
        using (var small = SKBitmap.Decode(await node3.GetByteArrayAsync(url + "?width=320"))) Assert.Equal(320, small.Width);

        // Node 2's media library (the same sign-in, another node) lists it.
        var node2 = cluster.Nodes[1].NewClient();
        node2.Cookies.Add(admin.Cookies.GetAllCookies());
        Assert.Contains(name, await node2.Http.GetStringAsync($"/umbraco/media?folder={folder}"));

        // Replaced on node 1: node 3 serves the new file, and sends the old address on to it.
        var id = editUrl.Split('/').Last();
        var replaced = await admin.UploadAsync(editUrl, $"/umbraco/media/{id}/replace", ("file", name + "-2.jpg", MediaSamples.Jpeg(900, 600), "image/jpeg"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var newUrl = WebUtility.HtmlDecode(MediaPublicUrl().Match(await admin.Http.GetStringAsync(editUrl)).Groups[1].Value);
        Assert.NotEqual(url, newUrl);
        await EventuallyAsync(async () => (await node3.GetAsync(newUrl)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(2),
            $"Node 3 did not serve the replaced file {newUrl}");
        using (var image = SKBitmap.Decode(await node3.GetByteArrayAsync(newUrl + "?width=320"))) Assert.Equal(320, image.Width);
        using (var image = SKBitmap.Decode(await node3.GetByteArrayAsync(newUrl))) Assert.Equal(900, image.Width);
        var old = await node3.GetAsync(url);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
    }
}
