using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;
using Umbraco.Extensions;
using Zaitaku.Web.Seed;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// A download's link says the file's type, size and pages, read from the media library's file; when an editor replaces
/// the file, the page that lists it (cached) says the new size and pages at once.
/// </summary>
public sealed class DownloadListTests(SharedSite site) : IClassFixture<SharedSite>
{
    private static byte[] Pdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var i = 1; i <= pages; i++)
            builder.AddPage(PageSize.A4).AddText($"page {i}", 12, new UglyToad.PdfPig.Core.PdfPoint(72, 720), font);
        return builder.Build();
    }

    [Fact]
    public async Task A_replaced_file_shows_its_new_size_and_pages_on_the_cached_page_at_once()
    {
        var services = site.Factory.Services;
        var content = services.GetRequiredService<IContentService>();
        var mediaService = services.GetRequiredService<IMediaService>();
        var home = content.GetById(ContentSeed.KeyFor("home:/"))!;

        var two = Pdf(2);
        var media = mediaService.CreateMedia("差し替え確認用のノート", Constants.System.Root, Constants.Conventions.MediaTypes.ArticleAlias);
        SetFile(media, two);
        Assert.True(mediaService.Save(media).Success);

        var page = content.Create("ダウンロード確認用ページ", home.Id, "watashiNotePage");
        page.SetValue(ContentSeed.UrlNameAlias, "download-test");
        page.SetValue("body", "確認用の本文です。");
        page.SortOrder = 99;
        Assert.True(content.Save(page).Success);
        var published = content.Publish(page, ["*"]);
        Assert.True(published.Success, published.Result.ToString());
        try
        {
            var download = content.Create("差し替え確認用のノート", page.Id, "download");
            download.SetValue("edition", JsonSerializer.Serialize(new[] { "本編" }));
            download.SetValue("revisionDate", new DateTime(2026, 11, 1));
            download.SetValue("file", JsonSerializer.Serialize(new[] { new { key = Guid.NewGuid(), mediaKey = media.Key } }));
            Assert.True(content.Save(download).Success);
            Assert.True(content.Publish(download, ["*"]).Success);

            var before = await site.Client.GetStringAsync("/download-test/");
            Assert.Contains($"差し替え確認用のノート（PDF：{Zaitaku.Infrastructure.Media.MediaText.FormatSize(two.Length)}・2ページ）", Html.Text(before));
            // The second read comes from the output cache: that is the copy that must go.
            Assert.NotNull((await site.Client.GetAsync("/download-test/")).Headers.Age);

            var five = Pdf(5);
            SetFile(media, five);
            Assert.True(mediaService.Save(media).Success);

            var after = await site.Client.GetAsync("/download-test/");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            var text = Html.Text(await after.Content.ReadAsStringAsync());
            Assert.Contains($"差し替え確認用のノート（PDF：{Zaitaku.Infrastructure.Media.MediaText.FormatSize(five.Length)}・5ページ）", text);
            Assert.DoesNotContain("2ページ", text);
        }
        finally
        {
            // Other tests read the seed at the same time: the extra page leaves the menu again.
            content.Delete(page);
            mediaService.Delete(media);
        }
    }

    private void SetFile(IMedia media, byte[] pdf)
    {
        var services = site.Factory.Services;
        using var stream = new MemoryStream(pdf);
        media.SetValue(services.GetRequiredService<MediaFileManager>(), services.GetRequiredService<MediaUrlGeneratorCollection>(),
            services.GetRequiredService<IShortStringHelper>(), services.GetRequiredService<IContentTypeBaseServiceProvider>(),
            Constants.Conventions.Media.File, "note.pdf", stream);
    }
}
