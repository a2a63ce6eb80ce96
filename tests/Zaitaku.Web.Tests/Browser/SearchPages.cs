using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

public static class SearchPages
{
    /// <summary>The browser site builds its index in the background after start; search pages are checked once it is ready.</summary>
    public static async Task WaitForIndexAsync(IPage page)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await page.GotoAsync("/search?q=" + Uri.EscapeDataString("大和郡山"));
            if (response?.Status != 503) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The search index did not become ready.");
    }
}
