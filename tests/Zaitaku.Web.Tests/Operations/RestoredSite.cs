using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>What a restore must bring back, checked the same way for SQLite and PostgreSQL backups.</summary>
internal static partial class RestoredSite
{
    [GeneratedRegex("<loc>https?://[^/<]+(/[^<]*)</loc>")]
    private static partial Regex SitemapLoc();

    [GeneratedRegex("(?:src|href)=\"(/media/[0-9a-f]{32}/[^\"?#]+)")]
    private static partial Regex MediaLink();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("href=\"(/umbraco/forms/entries/[0-9a-f]{32})\"")]
    private static partial Regex EntryLink();

    /// <summary>Every page of the original's sitemap answers on the copy with the same heading, and every file those pages link is the same bytes.</summary>
    public static async Task AssertSamePagesAndFilesAsync(Uri original, Uri copy)
    {
        using var before = new HttpClient { BaseAddress = original };
        using var after = new HttpClient { BaseAddress = copy };
        var paths = SitemapLoc().Matches(await before.GetStringAsync("/sitemap.xml")).Select(m => m.Groups[1].Value).ToList();
        Assert.True(paths.Count > 30, $"only {paths.Count} pages in the sitemap");
        var media = new HashSet<string>();
        foreach (var path in paths)
        {
            var page = await before.GetStringAsync(path);
            var response = await after.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} after the restore");
            Assert.Equal(Heading().Match(page).Groups[1].Value, Heading().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
            foreach (Match m in MediaLink().Matches(page)) media.Add(WebUtility.HtmlDecode(m.Groups[1].Value));
        }
        Assert.NotEmpty(media);
        foreach (var file in media)
            Assert.Equal(await before.GetByteArrayAsync(file), await after.GetByteArrayAsync(file));
    }

    /// <summary>The form's entry list names the sender, and the first entry's answers read as typed (decrypted with the restored keys).</summary>
    public static async Task AssertEntryReadableAsync(BackofficeClient admin, int formId, string sender, string answer)
    {
        var list = await admin.Http.GetStringAsync($"/umbraco/forms/{formId}/entries");
        Assert.Contains(sender, list);
        var entry = Html.Text(await admin.Http.GetStringAsync(EntryLink().Match(list).Groups[1].Value));
        Assert.Contains(answer, entry);
        Assert.DoesNotContain("読み取れません", entry);
    }
}
