using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>axe-core with the WCAG 2.0 and 2.1 A/AA rules (JIS X 8341-3:2016 level AA and more).</summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe on the page and fails with every violation listed, or when axe did not run at all.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag);
        Assert.True(result.Passes.Length > 0, "axe-core did not run");
        var report = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"{what}\n{report}");
    }
}
