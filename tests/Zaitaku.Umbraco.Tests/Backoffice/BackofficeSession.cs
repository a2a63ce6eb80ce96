using System.Reflection;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Zaitaku.Web.Tests.Browser;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// A person signed in to Umbraco's backoffice through its real login page, in Debian's Chromium, with the helpers the
/// backoffice tests share: find English a person sees, run axe-core, take a screenshot.
/// </summary>
public sealed class BackofficeSession(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Screenshots stay out of the repository.</summary>
    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "backoffice-ja-shots");

    /// <summary>Words that are not English labels: names, and abbreviations Japanese writes in Latin letters.</summary>
    public static readonly string[] AllowedWords =
    [
        "Umbraco", "CMS", // the product's name
        "URL", "ID", "PDF", "HTML", "CSS", "UI", "API", "QR", "ISO", "SMTP", "JavaScript", "Webhook", // written so in Japanese too
        "ACP", // 人生会議（ACP）: a page name of the seed
        "Markdown", // the body's format, named in our own field description
        "kataroukai", // an example address in our own field description (例：kataroukai)
    ];

    private static readonly string Scanner = ReadScanner();

    private static string ReadScanner()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Zaitaku.Backoffice.english-scanner.js")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Opens /umbraco, signs in as the first administrator on Umbraco's login page, waits for the Content section.</summary>
    public static async Task<BackofficeSession> SignInAsync(BrowserFixture browser, int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/umbraco");
        await page.Locator("input[name=\"username\"]").FillAsync(SiteFactory.AdminEmail, new() { Timeout = 90_000 });
        await page.Locator("input[type=\"password\"]").FillAsync(SiteFactory.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/section/content**", new() { Timeout = 90_000, WaitUntil = WaitUntilState.Commit });
        var session = new BackofficeSession(page);
        await session.SettleAsync();
        return session;
    }

    /// <summary>Goes to a backoffice path (relative to /umbraco/) and waits until its elements have drawn.</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync("/umbraco/" + path.TrimStart('/'));
        await SettleAsync();
    }

    /// <summary>The backoffice draws in steps (lazy elements, then data, then texts): wait for quiet, then a little.</summary>
    public async Task SettleAsync()
    {
        try { await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 4_000 }); } catch (TimeoutException) { }
        await Page.WaitForTimeoutAsync(1500);
    }

    /// <summary>The hrefs (relative to /umbraco/) of the links on the page whose href contains <paramref name="part"/>.</summary>
    public async Task<string[]> LinksAsync(string part) =>
        (await Page.Locator($"a[href*=\"{part}\"]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
        .Distinct().ToArray();

    public sealed record EnglishWord(string Word, string Text, string Where, string[] Components);

    /// <summary>Every English word a person sees on the page now (visible text and placeholders, through shadow roots).</summary>
    public async Task<EnglishWord[]> EnglishWordsAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>($"({Scanner})({JsonSerializer.Serialize(AllowedWords)})");
        return json.EnumerateArray().Select(e => new EnglishWord(
            e.GetProperty("word").GetString()!, e.GetProperty("text").GetString()!, e.GetProperty("where").GetString()!,
            e.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToArray())).ToArray();
    }

    /// <summary>axe-core with the WCAG 2.0/2.1 A and AA rules (JIS X 8341-3:2016 AA).</summary>
    public async Task<AxeResult> AxeAsync() => await Page.RunAxe(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });
    }
}
