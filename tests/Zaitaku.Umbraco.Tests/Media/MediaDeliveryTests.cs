using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Media;
using Umbraco.Cms.Core.Models;
using File = System.IO.File;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Media;
using Umbraco.Extensions;
using Zaitaku.Web.Seed;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Media.UploadSecurityTests;

namespace Zaitaku.Web.Tests.Media;

/// <summary>What residents get from /media: PDFs inline only when they passed, download counts, image derivatives.</summary>
public sealed class MediaDeliveryTests(SharedSite site) : IClassFixture<SharedSite>
{
    private MediaFileManager MediaFiles => site.Factory.Services.GetRequiredService<MediaFileManager>();

    [Theory]
    [InlineData("watashi-note-sample.pdf")]
    [InlineData("watashi-note-summary-sample.pdf")]
    public async Task The_seeds_pdfs_are_in_the_media_library_and_shown_in_the_browser(string fileName)
    {
        var media = site.Factory.Services.GetRequiredService<IMediaService>().GetById(ContentSeed.KeyFor("media/" + fileName));
        Assert.NotNull(media);
        Assert.Equal(ContentSeed.KeyFor("media/"), site.Factory.Services.GetRequiredService<IMediaService>().GetById(media.ParentId)!.Key);

        var response = await site.Client.GetAsync(Url(site.Factory, media.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task A_plain_pdf_with_web_links_outlines_and_border_styles_is_accepted_and_shown_in_the_browser()
    {
        var plain = PdfBuilder.Document("/Outlines 5 0 R /OpenAction [3 0 R /Fit] /Names << /Dests << /Names [(top) [3 0 R /Fit]] >> >>",
            "/Annots [4 0 R]",
            [
                "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /BS << /S /S /W 1 >> /A << /S /URI /URI (https://www.city.yamatokoriyama.lg.jp/) >> >>",
                "<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>",
                "<< /Title (top) /Parent 5 0 R /A << /S /GoTo /D [3 0 R /Fit] >> >>",
            ], compressed: [4, 5, 6]);
        var key = await CreateGoodAsync("annai.pdf", plain, ArticleType, "案内");

        var response = await site.Client.GetAsync(Url(site.Factory, key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("annai.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.False(response.Headers.Contains("Content-Security-Policy") && string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Contains("sandbox"));
    }

    [Fact]
    public async Task A_stored_pdf_that_fails_todays_check_is_only_offered_as_a_download_in_a_sandbox()
    {
        var key = await CreateGoodAsync("furui-shiryou.pdf", PdfBuilder.Document(), ArticleType, "古い資料");
        var url = Url(site.Factory, key);
        // A file stored before the check grew stricter: the stored bytes are swapped behind the site's back.
        await File.WriteAllBytesAsync(MediaFiles.FileSystem.GetFullPath(MediaFiles.FileSystem.GetRelativePath(url)), Hostile("launch-indirect-hex-name"));
        File.SetLastWriteTimeUtc(MediaFiles.FileSystem.GetFullPath(MediaFiles.FileSystem.GetRelativePath(url)), DateTime.UtcNow.AddMinutes(1));

        var response = await site.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Each_download_of_a_pdf_is_counted_once_per_reader_in_the_month_of_japan_time()
    {
        var key = await CreateGoodAsync("kazoeru.pdf", PdfBuilder.Document(), ArticleType, "数える資料");
        var url = Url(site.Factory, key);
        var counter = site.Factory.Services.GetRequiredService<DownloadCounter>();

        Assert.Equal(HttpStatusCode.OK, (await site.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Client.GetAsync(url)).StatusCode);
        // A PDF viewer asking for later pages is the same reader: not counted again.
        var more = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 200) } };
        Assert.Equal(HttpStatusCode.PartialContent, (await site.Client.SendAsync(more)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).StatusCode);

        var counts = await counter.ForAsync(key);

        // The test clock says 2026-11-24 01:00 UTC: 10:00 on 24 November in Japan.
        Assert.Equal(new Dictionary<string, long> { ["2026-11"] = 2 }, counts);
    }

    [Fact]
    public async Task Umbracos_crop_urls_are_served_by_our_derivatives_at_the_sizes_they_name()
    {
        var key = await CreateGoodAsync("hashi.jpg", MediaSamples.Jpeg(1000, 800), ImageType, "橋");
        using var context = site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Web.IUmbracoContextFactory>().EnsureUmbracoContext();
        var published = site.Factory.Services.GetRequiredService<IPublishedMediaCache>().GetById(key);
        Assert.NotNull(published);

        var wide = published.GetCropUrl(width: 480)!;
        var square = published.GetCropUrl(width: 320, height: 320, imageCropMode: ImageCropMode.Crop)!;

        Assert.Contains("hmac=", wide);
        Assert.Equal((480, 384), await SizeAsync(wide));
        Assert.Equal((320, 320), await SizeAsync(square));
        // Umbraco's cache buster (the media's update date) makes the address immutable.
        var response = await site.Client.GetAsync(wide);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_responsive_image_markup_offers_the_widths_up_to_the_images_own_with_its_alt_text()
    {
        var key = await CreateGoodAsync("kawa.jpg", MediaSamples.Jpeg(700, 350), ImageType, "川");
        using var context = site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Web.IUmbracoContextFactory>().EnsureUmbracoContext();
        var published = site.Factory.Services.GetRequiredService<IPublishedMediaCache>().GetById(key)!;

        var html = ResponsiveImageExtensions.ResponsiveImage(null!, published, "(min-width: 40em) 640px, 100vw").ToString()!;

        Assert.Contains("alt=\"説明の文\"", html);
        Assert.Contains("width=\"700\" height=\"350\"", html);
        var candidates = Html.Between(html, "srcset=\"", "\"")!.Split(", ").Select(System.Net.WebUtility.HtmlDecode).ToList();
        Assert.Equal(["160w", "320w", "480w", "640w", "700w"], candidates.Select(c => c.Split(' ')[1]));
        foreach (var candidate in candidates)
        {
            var width = int.Parse(candidate.Split(' ')[1].TrimEnd('w'));
            Assert.Equal(width, (await SizeAsync(candidate.Split(' ')[0])).Width);
        }
    }

    [Theory]
    [InlineData("?width=333")]
    [InlineData("?width=320&height=480")]
    [InlineData("?height=320")]
    [InlineData("?width=480&hmac=0123456789abcdef0123456789abcdef")]
    public async Task Unsigned_addresses_get_only_the_widths_pages_use(string query)
    {
        var key = await CreateGoodAsync("yama.jpg", MediaSamples.Jpeg(1000, 800), ImageType, "山");
        var url = Url(site.Factory, key);

        var refused = await site.Client.GetAsync(url + query);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("次の値から選んでください", await refused.Content.ReadAsStringAsync());
        Assert.Equal((480, 384), await SizeAsync(url + "?width=480"));
    }

    [Fact]
    public async Task Webp_is_served_to_browsers_that_take_it()
    {
        var key = await CreateGoodAsync("sora.jpg", MediaSamples.Jpeg(1000, 800), ImageType, "空");
        var request = new HttpRequestMessage(HttpMethod.Get, Url(site.Factory, key) + "?width=320");
        request.Headers.Accept.ParseAdd("image/avif,image/webp,*/*");

        var response = await site.Client.SendAsync(request);

        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    private async Task<(int Width, int Height)> SizeAsync(string url)
    {
        var response = await site.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        return (bitmap.Width, bitmap.Height);
    }
}
