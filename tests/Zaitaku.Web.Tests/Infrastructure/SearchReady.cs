using System.Net;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>The index is built in the background after start; tests of search wait for it, as a reader would.</summary>
public static class SearchReady
{
    public static async Task WaitAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("大和郡山"));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return;
            if (DateTime.UtcNow > until) throw new TimeoutException("The search index did not become ready.");
            await Task.Delay(100);
        }
    }
}
