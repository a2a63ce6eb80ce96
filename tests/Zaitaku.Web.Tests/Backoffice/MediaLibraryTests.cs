using System.Net;
using System.Text.RegularExpressions;
using SkiaSharp;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// The media library: bad files refused with a Japanese message and nothing left on disk; good files
/// re-encoded without their EXIF and served in each allowed size, as WebP or JPEG; replaced files keep
/// their addresses; association editors keep to their folders.
/// </summary>
public sealed partial class MediaLibraryTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [GeneratedRegex("<a href=\"/umbraco/media\\?folder=(\\d+)\">([^<]+)</a>")]
    private static partial Regex FolderLink();

    [GeneratedRegex("<a href=\"(/media/[0-9a-f]{32}/\\d+/[^\"]+)\">")]
    private static partial Regex PublicUrl();

    private BackofficeClient Admin => accounts.Clients["Administrators"];

    private async Task<string> FolderIdAsync(BackofficeClient client, string name) =>
        FolderLink().Matches(await client.Http.GetStringAsync("/umbraco/media")).Single(m => m.Groups[2].Value == name).Groups[1].Value;

    private string[] StoredFiles() =>
        Directory.Exists(Path.Combine(accounts.Factory.DataFolder, "media"))
            ? Directory.GetFiles(Path.Combine(accounts.Factory.DataFolder, "media"), "*", SearchOption.AllDirectories) : [];

    private async Task<HttpResponseMessage> UploadAsync(BackofficeClient client, string folder, string fileName, byte[] bytes,
        string contentType, string alt = "説明の文", bool decorative = false)
    {
        var fields = new List<(string, string)> { ("Folder", folder), ("AltText", alt) };
        if (decorative) fields.Add(("Decorative", "true"));
        // The token comes from the dashboard, so a refusal is the server's answer to the upload itself.
        return await client.UploadAsync("/umbraco", "/umbraco/media/upload", ("file", fileName, bytes, contentType), [.. fields]);
    }

    /// <summary>Uploads a good file and returns its public address, read from its edit page.</summary>
    private async Task<(string EditUrl, string PublicUrl)> UploadGoodAsync(string fileName, byte[] bytes, string contentType)
    {
        var response = await UploadAsync(Admin, await FolderIdAsync(Admin, "共有"), fileName, bytes, contentType);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editUrl = BackofficeAccounts.Where(response);
        var page = await Admin.Http.GetStringAsync(editUrl);
        return (editUrl, WebUtility.HtmlDecode(PublicUrl().Match(page).Groups[1].Value));
    }

    public static TheoryData<string, string, string, string> BadFiles() => new()
    {
        { "truncated", "photo.jpg", "image/jpeg", "途中で切れているか壊れている" },
        { "png-bomb", "huge.png", "image/png", "50000×50000ピクセル）が上限を超えています" },
        { "svg", "logo.svg", "image/svg+xml", "SVG 画像は、中にプログラムを含められるため登録できません" },
        { "polyglot", "photo.jpg", "image/jpeg", "ウェブページやプログラムの一部が埋め込まれています" },
        { "pdf-javascript", "note.pdf", "application/pdf", "JavaScript" },
        { "pdf-launch", "note.pdf", "application/pdf", "ほかのアプリを起動する設定" },
        { "pdf-encrypted", "note.pdf", "application/pdf", "暗号化された）PDF は登録できません" },
        { "pdf-junk", "note.pdf", "application/pdf", "PDF ファイルが壊れているため、開けません" },
        { "empty", "empty.jpg", "image/jpeg", "ファイルが空です（0バイト）" },
        { "exe", "photo.jpg", "image/jpeg", "このファイルはプログラムです" },
    };

    private static byte[] Bytes(string kind) => kind switch
    {
        "truncated" => MediaSamples.TruncatedJpeg(),
        "png-bomb" => MediaSamples.PngBomb(),
        "svg" => MediaSamples.SvgWithScript(),
        "polyglot" => MediaSamples.HtmlJpegPolyglot(),
        "pdf-javascript" => MediaSamples.PdfWithJavaScript(),
        "pdf-launch" => MediaSamples.PdfWithLaunch(),
        "pdf-encrypted" => MediaSamples.EncryptedPdf(),
        "pdf-junk" => "%PDF-1.7\nこれは PDF ではありません"u8.ToArray(),
        "empty" => [],
        _ => MediaSamples.ExeNamedJpg(),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_its_reason_and_nothing_stays_on_disk(string kind, string fileName, string contentType, string message)
    {
        var before = StoredFiles();

        var response = await UploadAsync(Admin, await FolderIdAsync(Admin, "共有"), fileName, Bytes(kind), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, Html.Text(Html.Between(html, "id=\"file-error\"", "</p>") ?? html));
        Assert.Matches("<textarea id=\"AltText\"[^>]*>説明の文</textarea>", html); // what was typed is kept
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task A_photo_is_turned_upright_and_loses_its_exif_and_gps_position()
    {
        var (editUrl, url) = await UploadGoodAsync("体操教室.jpg", MediaSamples.JpegWithGpsAndOrientation(400, 200), "image/jpeg");

        var stored = await accounts.Factory.CreatePlainClient().GetByteArrayAsync(url);
        Assert.DoesNotContain("Exif", System.Text.Encoding.ASCII.GetString(stored));
        Assert.DoesNotContain("2026:11:24", System.Text.Encoding.ASCII.GetString(stored));
        using var bitmap = SKBitmap.Decode(stored);
        Assert.Equal((200, 400), (bitmap.Width, bitmap.Height)); // the EXIF said: turn 90°
        Assert.Contains("JPEG：", Html.Text(await Admin.Http.GetStringAsync(editUrl)));
        Assert.Contains("200×400", Html.Text(await Admin.Http.GetStringAsync(editUrl)));
    }

    [Fact]
    public async Task An_image_is_served_in_every_allowed_width_as_webp_or_jpeg_with_a_long_cache()
    {
        var (_, url) = await UploadGoodAsync("fuukei.jpg", MediaSamples.Jpeg(2000, 1500), "image/jpeg");
        var reader = accounts.Factory.CreatePlainClient();

        foreach (var width in new[] { 160, 320, 480, 640, 800, 1024, 1280, 1600, 1920 })
        {
            var webp = new HttpRequestMessage(HttpMethod.Get, $"{url}?width={width}");
            webp.Headers.Accept.ParseAdd("image/avif,image/webp,*/*");
            var response = await reader.SendAsync(webp);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
            using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, image.Width);
            Assert.InRange(image.Height, (int)(width * 0.75) - 1, (int)(width * 0.75) + 1);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            Assert.Contains("Accept", response.Headers.Vary);
        }

        var jpeg = await reader.GetAsync($"{url}?width=800");
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
        var again = new HttpRequestMessage(HttpMethod.Get, $"{url}?width=800");
        again.Headers.IfNoneMatch.Add(jpeg.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);

        var odd = await reader.GetAsync($"{url}?width=801");
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        Assert.Contains("次の値から選んでください", await odd.Content.ReadAsStringAsync());
        var crop = await reader.GetAsync($"{url}?width=320&height=320&format=png");
        using var square = SKBitmap.Decode(await crop.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 320), (square.Width, square.Height));
    }

    [Fact]
    public async Task An_image_answered_from_memory_has_the_same_bytes_and_headers_as_the_first_answer()
    {
        var (_, url) = await UploadGoodAsync("hanabi.jpg", MediaSamples.Jpeg(900, 600), "image/jpeg");
        var reader = accounts.Factory.CreatePlainClient();
        async Task<HttpResponseMessage> GetWebpAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{url}?width=640");
            request.Headers.Accept.ParseAdd("image/webp,*/*");
            return await reader.SendAsync(request);
        }

        var first = await GetWebpAsync(); // rendered, then kept in memory
        var again = await GetWebpAsync();

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        foreach (var response in new[] { first, again })
        {
            Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Accept", response.Headers.Vary);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.NotNull(response.Content.Headers.LastModified);
        }
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        var revalidate = new HttpRequestMessage(HttpMethod.Get, $"{url}?width=640");
        revalidate.Headers.Accept.ParseAdd("image/webp");
        revalidate.Headers.IfNoneMatch.Add(again.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(revalidate)).StatusCode);
        // A size off the allow-list is still refused, in Japanese, once the image is in memory.
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{url}?width=641")).StatusCode);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    public async Task Png_and_webp_are_accepted_too(string type)
    {
        var bytes = type == "image/png" ? MediaSamples.Png(300, 200) : MediaSamples.Webp(300, 200);
        var (_, url) = await UploadGoodAsync("zu." + type[6..], bytes, type);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(type);
        var response = await accounts.Factory.CreatePlainClient().SendAsync(request);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        // A browser that does not take WebP gets a JPEG of a WebP, and a PNG stays a PNG.
        var plain = await accounts.Factory.CreatePlainClient().GetAsync(url);
        Assert.Equal(type == "image/png" ? "image/png" : "image/jpeg", plain.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_image_without_alt_text_is_refused_unless_it_is_marked_decorative()
    {
        var folder = await FolderIdAsync(Admin, "共有");
        var before = StoredFiles();

        var refused = await UploadAsync(Admin, folder, "kazari.jpg", MediaSamples.Jpeg(100, 100), "image/jpeg", alt: "");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("代替テキストを入力してください", Html.Text(Html.Between(await refused.Content.ReadAsStringAsync(), "id=\"AltText-error\"", "</p>")!));
        Assert.Equal(before, StoredFiles());

        var decorative = await UploadAsync(Admin, folder, "kazari.jpg", MediaSamples.Jpeg(100, 100), "image/jpeg", alt: "", decorative: true);
        Assert.Equal(HttpStatusCode.Redirect, decorative.StatusCode);
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_old_address_working()
    {
        var (editUrl, oldUrl) = await UploadGoodAsync("chirashi.jpg", MediaSamples.Jpeg(600, 400), "image/jpeg");
        var id = editUrl.Split('/').Last();

        var replaced = await Admin.UploadAsync(editUrl, $"/umbraco/media/{id}/replace", ("file", "chirashi-2.jpg", MediaSamples.Jpeg(900, 600), "image/jpeg"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var newUrl = WebUtility.HtmlDecode(PublicUrl().Match(await Admin.Http.GetStringAsync(editUrl)).Groups[1].Value);
        Assert.NotEqual(oldUrl, newUrl);

        var reader = accounts.Factory.CreatePlainClient();
        var old = await reader.GetAsync(oldUrl + "?width=320");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(newUrl + "?width=320", WebUtility.UrlDecode(old.Headers.Location!.OriginalString));
        using var image = SKBitmap.Decode(await reader.GetByteArrayAsync(newUrl));
        Assert.Equal(900, image.Width);

        var wrongKind = await Admin.UploadAsync(editUrl, $"/umbraco/media/{id}/replace", ("file", "x.pdf", MediaSamples.Pdf(), "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Contains("画像は画像で置き換えてください", Html.Text(await wrongKind.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_pdf_downloads_under_its_japanese_name_and_deleting_a_used_one_names_the_pages()
    {
        var reader = accounts.Factory.CreatePlainClient();
        var page = await (await reader.GetAsync("/watashi-note/")).Content.ReadAsStringAsync();
        var link = WebUtility.HtmlDecode(Regex.Match(page, "<a href=\"(/media/[^\"]+)\">わたしノート（サンプル）").Groups[1].Value);

        var pdf = await reader.GetAsync(link);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("わたしノート（サンプル）.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition.DispositionType);

        var media = await Admin.Http.GetStringAsync($"/umbraco/media?folder={await FolderIdAsync(Admin, "共有")}");
        var id = Regex.Match(media, "<a href=\"/umbraco/media/(\\d+)\">わたしノート（サンプル）</a>").Groups[1].Value;
        var warning = Html.Text(await Admin.Http.GetStringAsync($"/umbraco/media/{id}/delete"));
        Assert.Contains("このファイルは 1 ページで使われています", warning);
        Assert.Contains("わたしノート（サンプル）", warning);
    }

    [Fact]
    public async Task An_association_editor_uses_their_folder_and_the_shared_one_and_no_other()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var root = Html.Text(await editor.Http.GetStringAsync("/umbraco/media"));
        Assert.Contains("大和郡山市医師会", root);
        Assert.Contains("共有", root);
        Assert.DoesNotContain("大和郡山市歯科医師会", root);

        var dental = await FolderIdAsync(Admin, "大和郡山市歯科医師会");
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(await editor.GetAsync($"/umbraco/media?folder={dental}")));
        var intoDental = await UploadAsync(editor, dental, "x.jpg", MediaSamples.Jpeg(50, 50), "image/jpeg");
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(intoDental));

        var own = await UploadAsync(editor, await FolderIdAsync(editor, "大和郡山市医師会"), "kenshin.jpg", MediaSamples.Jpeg(50, 50), "image/jpeg");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task A_columns_photo_is_picked_from_images_and_shown_with_srcset_width_and_height()
    {
        var (editUrl, _) = await UploadGoodAsync("kyoushitsu.jpg", MediaSamples.Jpeg(1200, 800), "image/jpeg");
        var key = Regex.Match(await Admin.Http.GetStringAsync(editUrl), "/media/([0-9a-f]{32})/").Groups[1].Value;
        var column = await accounts.EditUrlAsync("適度な運動");
        var form = await Admin.Http.GetStringAsync(column);
        var picker = Html.Between(form, "id=\"Values_image_\"", "</select>")!;
        Assert.Contains("kyoushitsu", picker);
        Assert.DoesNotContain("わたしノート", picker); // an image picker offers images only

        var published = await Admin.EditAndSubmitAsync(column, ("command", "publish"), ("Values[image]", Guid.ParseExact(key, "N").ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var list = await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/");
        var href = Regex.Match(list, "href=\"(/columns/[0-9-]+/)\"[^>]*>適度な運動").Groups[1].Value;
        var page = await accounts.Factory.CreatePlainClient().GetStringAsync(href.Length > 0 ? href : "/columns/");
        var img = Regex.Match(page, "<img [^>]*srcset=[^>]*>").Value;
        Assert.Contains($"/media/{key}/1/kyoushitsu.jpg?width=1024 1024w", img);
        Assert.DoesNotContain("1280w", img); // never larger than the stored image
        Assert.Contains("width=\"800\"", img);
        Assert.Contains("height=\"533\"", img);
        Assert.Contains("sizes=", img);
        Assert.Contains("alt=\"説明の文\"", img);
    }

    [Fact]
    public async Task A_library_image_in_a_markdown_body_gets_srcset_width_and_height_too()
    {
        var (_, url) = await UploadGoodAsync("eiyou.jpg", MediaSamples.Jpeg(1000, 600), "image/jpeg");
        var column = await accounts.EditUrlAsync("食事と栄養");
        var body = $"野菜を一品増やしましょう。\n\n![]({url}?width=1920)\n\n![市の地図](https://www.city.yamatokoriyama.lg.jp/map.png)";

        var published = await Admin.EditAndSubmitAsync(column, ("command", "publish"), ("Values[body]", body));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var page = await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/2025-02-15/");
        var prose = Html.Between(page, "<div class=\"prose\">", "</div>")!;
        var img = Regex.Match(prose, "<img [^>]*eiyou[^>]*>").Value;
        Assert.Contains($"src=\"{url}?width=800\"", WebUtility.HtmlDecode(img)); // an allowed width, not the 1920 asked for
        Assert.Contains("160w", img);
        Assert.Contains("800w", img);
        Assert.DoesNotContain("1024w", img); // never larger than the stored image (1000 px)
        Assert.Contains("width=\"800\"", img);
        Assert.Contains("height=\"480\"", img);
        Assert.Contains("sizes=", img);
        Assert.Contains("alt=\"説明の文\"", img); // the library's alt text, since the Markdown gave none
        // An image from elsewhere is left as written.
        Assert.Matches("<img src=\"https://www.city.yamatokoriyama.lg.jp/map.png\" alt=\"市の地図\">", prose);
    }

    [Fact]
    public async Task An_upload_over_the_request_limit_gets_the_japanese_413_page_and_stores_nothing()
    {
        var before = StoredFiles();
        var tooLarge = new byte[64 * 1024 * 1024 + 1];
        MediaSamples.Jpeg(100, 100).CopyTo(tooLarge, 0);

        var response = await UploadAsync(Admin, await FolderIdAsync(Admin, "共有"), "ookii.jpg", tooLarge, "image/jpeg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = Html.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("ファイルが大きすぎます", text);
        Assert.Contains("一度に送れるのは64MBまでです", text);
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task Downloads_are_counted_per_file_per_month_once_per_download()
    {
        var reader = accounts.Factory.CreatePlainClient();
        var page = await reader.GetStringAsync("/watashi-note/");
        var link = WebUtility.HtmlDecode(Regex.Match(page, "<a href=\"(/media/[^\"]+)\">わたしノート 概要版（サンプル）").Groups[1].Value);
        var before = await CountThisMonthAsync("わたしノート 概要版（サンプル）");

        await reader.GetByteArrayAsync(link);
        await reader.GetByteArrayAsync(link);
        var laterPart = new HttpRequestMessage(HttpMethod.Get, link);
        laterPart.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 200); // a viewer fetching more pages
        Assert.Equal(HttpStatusCode.PartialContent, (await reader.SendAsync(laterPart)).StatusCode);

        Assert.Equal(before + 2, await CountThisMonthAsync("わたしノート 概要版（サンプル）"));
    }

    private async Task<long> CountThisMonthAsync(string name)
    {
        var html = await Admin.Http.GetStringAsync("/umbraco/media/downloads");
        Assert.Contains("2026年11月", Html.Text(html));
        var row = Regex.Match(html, $"<tr>\\s*<th scope=\"row\"><a [^>]+>{Regex.Escape(name)}</a></th>\\s*<td>([0-9,]+)</td>").Groups[1].Value;
        return long.Parse(row.Replace(",", ""));
    }

    [Fact]
    public async Task An_earlier_edition_stays_downloadable_under_its_own_heading()
    {
        var summary = await accounts.EditUrlAsync("わたしノート 概要版（サンプル）");

        await Admin.EditAndSubmitAsync(summary, ("command", "publish"), ("Values[previousEdition]", "true"));

        var text = Html.Text(await accounts.Factory.CreatePlainClient().GetStringAsync("/watashi-note/"));
        var previous = text[text.IndexOf("以前の版", StringComparison.Ordinal)..];
        Assert.Contains("わたしノート 概要版（サンプル）（PDF：", previous);
        Assert.DoesNotContain("わたしノート（サンプル）（PDF：", previous);
        await Admin.EditAndSubmitAsync(summary, ("command", "publish"), ("Values[previousEdition]", "false"));
    }

    [Fact]
    public async Task A_replaced_pdf_is_searched_by_its_new_text_within_a_second()
    {
        var media = await Admin.Http.GetStringAsync($"/umbraco/media?folder={await FolderIdAsync(Admin, "共有")}");
        var id = Regex.Match(media, "<a href=\"/umbraco/media/(\\d+)\">わたしノート 概要版（サンプル）</a>").Groups[1].Value;
        var original = await accounts.Factory.CreatePlainClient().GetByteArrayAsync(
            WebUtility.HtmlDecode(PublicUrl().Match(await Admin.Http.GetStringAsync($"/umbraco/media/{id}")).Groups[1].Value));

        var replaced = await Admin.UploadAsync($"/umbraco/media/{id}", $"/umbraco/media/{id}/replace",
            ("file", "gaiyou.pdf", MediaSamples.Pdf(text: "Kaiteiban2026 gaiyou"), "application/pdf"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        try
        {
            var found = false;
            for (var i = 0; i < 20 && !found; i++)
            {
                await Task.Delay(100);
                var search = await accounts.Factory.CreatePlainClient().GetStringAsync("/search?q=Kaiteiban2026");
                found = search.Contains("わたしノート <mark>", StringComparison.Ordinal) || Html.Text(search).Contains("わたしノート 概要版（サンプル）");
            }
            Assert.True(found, "the new text of the replaced PDF is not found by search within two seconds");
        }
        finally
        {
            await Admin.UploadAsync($"/umbraco/media/{id}", $"/umbraco/media/{id}/replace", ("file", "gaiyou.pdf", original, "application/pdf"));
        }
    }
}
