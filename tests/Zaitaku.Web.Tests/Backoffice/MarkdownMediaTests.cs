using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Photos and PDFs put into a Markdown field from the edit form (/umbraco/markdown-media): the
/// library's checks and the association scope apply, and without JavaScript the page that does it
/// returns to the form with everything typed kept and nothing saved.
/// </summary>
public sealed class MarkdownMediaTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private async Task<Dictionary<string, string>> FoldersAsync()
    {
        var html = await accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/media");
        return Regex.Matches(html, @"<a href=""/umbraco/media\?folder=(\d+)"">([^<]+)</a>").ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task An_editor_uploads_with_alt_text_and_sees_only_their_association_and_shared_files()
    {
        var folders = await FoldersAsync();
        var editor = accounts.Clients["AssociationEditors"];
        var admin = accounts.Clients["Administrators"];
        var own = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        var uploaded = await editor.UploadAsync(own, "/umbraco/markdown-media/upload", ("file", "walk.png", MediaSamples.Png(1200, 800), "image/png"),
            ("Folder", folders["大和郡山市医師会"]), ("AltText", "公園を散歩する二人"));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var item = await JsonAsync(uploaded);
        Assert.Equal("公園を散歩する二人", item.GetProperty("alt").GetString());
        Assert.Matches("^/media/[0-9a-f]{32}/1/", item.GetProperty("url").GetString());

        // The library's own checks, with its Japanese messages: no alt text, a script dressed as an image.
        var noAlt = await editor.UploadAsync(own, "/umbraco/markdown-media/upload", ("file", "x.png", MediaSamples.Png(200, 200), "image/png"),
            ("Folder", folders["大和郡山市医師会"]));
        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.Contains("代替テキスト", (await JsonAsync(noAlt)).GetProperty("errors").GetProperty("AltText").GetString());
        var svg = await editor.UploadAsync(own, "/umbraco/markdown-media/upload", ("file", "x.png", MediaSamples.SvgWithScript(), "image/png"),
            ("Folder", folders["大和郡山市医師会"]), ("AltText", "図"));
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.False(string.IsNullOrEmpty((await JsonAsync(svg)).GetProperty("errors").GetProperty("file").GetString()));

        var others = await admin.UploadAsync("/umbraco/media", "/umbraco/markdown-media/upload", ("file", "teeth.png", MediaSamples.Png(300, 300), "image/png"),
            ("Folder", folders["大和郡山市歯科医師会"]), ("AltText", "歯みがきの道具"));
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);

        var editorsList = (await JsonAsync(await editor.GetAsync("/umbraco/markdown-media/items?kind=image"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("alt").GetString()).ToList();
        Assert.Contains("公園を散歩する二人", editorsList);
        Assert.DoesNotContain("歯みがきの道具", editorsList);
        var editorsFolders = (await JsonAsync(await editor.GetAsync("/umbraco/markdown-media/items?kind=image"))).GetProperty("folders").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["大和郡山市医師会", "共有"], editorsFolders);
        var adminsList = (await JsonAsync(await admin.GetAsync("/umbraco/markdown-media/items?kind=image&q=歯みがき"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Single(adminsList);

        // PDFs are offered with their type and size in the link text, as the site names downloads.
        var pdfs = (await JsonAsync(await editor.GetAsync("/umbraco/markdown-media/items?kind=document&q=わたしノート"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("linkText").GetString()).ToList();
        Assert.Contains(pdfs, t => Regex.IsMatch(t!, @"^わたしノート.*（PDF：\d+(KB|\.\dMB)）$"));
    }

    [Fact]
    public async Task Without_JavaScript_a_page_inserts_a_file_and_returns_to_the_form_with_everything_typed_kept()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var editUrl = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        var id = editUrl.Split('/').Last();
        var parser = new HtmlParser();
        var editPage = parser.ParseDocument(await editor.Http.GetStringAsync(editUrl));
        var savedBody = (editPage.QuerySelector("textarea[name='Values[body]']") as IHtmlTextAreaElement)!.Value;
        var button = editPage.QuerySelector("button[formaction^='/umbraco/markdown-media/']")!;
        Assert.Equal($"/umbraco/markdown-media/{id}?field=body", button.GetAttribute("formaction"));

        var fields = Fields(editPage.QuerySelector("form.bo-form")!);
        fields["Values[body]"] = "打ちかけの本文です。";
        fields["Values[theme]"] = "打ちかけのテーマ";
        var pickResponse = await editor.Http.PostAsync(button.GetAttribute("formaction"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, pickResponse.StatusCode);
        var pick = parser.ParseDocument(await pickResponse.Content.ReadAsStringAsync());
        Assert.Contains("本文に画像を入れる", pick.QuerySelector("h1")!.TextContent);

        // Look for PDFs, then insert the sample わたしノート.
        var search = pick.QuerySelector("form.filter")!;
        var searchFields = Fields(search);
        searchFields["media-kind"] = "document";
        searchFields["media-q"] = "わたしノート";
        var documents = parser.ParseDocument(await (await editor.Http.PostAsync(search.GetAttribute("action"), new FormUrlEncodedContent(searchFields))).Content.ReadAsStringAsync());
        var choice = documents.QuerySelectorAll(".md-media-list form").First(f => f.TextContent.Contains("わたしノート（サンプル）"));
        var back = await editor.Http.PostAsync(choice.GetAttribute("action"), new FormUrlEncodedContent(Fields(choice).Append(KeyValuePair.Create("command", "preview"))));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var form = parser.ParseDocument(await back.Content.ReadAsStringAsync());
        var body = (form.QuerySelector("textarea[name='Values[body]']") as IHtmlTextAreaElement)!.Value;
        Assert.Matches(@"^打ちかけの本文です。\n\n\[わたしノート（サンプル）（PDF：\d+KB）\]\(/media/[0-9a-f]{32}/\d+/[^)]+\)$", body.Replace("\r\n", "\n"));
        Assert.Equal("打ちかけのテーマ", (form.QuerySelector("input[name='Values[theme]']") as IHtmlInputElement)!.Value);
        // Nothing was saved on the way.
        var again = parser.ParseDocument(await editor.Http.GetStringAsync(editUrl));
        Assert.Equal(savedBody, (again.QuerySelector("textarea[name='Values[body]']") as IHtmlTextAreaElement)!.Value);
    }

    private static Dictionary<string, string> Fields(AngleSharp.Dom.IElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var value = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } box => box.IsChecked ? box.Value : null,
                IHtmlInputElement { Type: "file" } => null,
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                IHtmlSelectElement select => select.Value,
                _ => null,
            };
            if (value is not null) fields[element.GetAttribute("name")!] = value;
        }
        return fields;
    }
}
