using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Search;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Tests of search wait for the index, as a reader would. A fresh test site is a cold start, after which Umbraco
/// rebuilds every index once, a minute later (its RebuildOnStartedHandler); search answers 503 for the moment that
/// takes, so these tests wait until that population is done.
/// </summary>
public static class SearchReady
{
    public static async Task WaitAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var indexing = SiteFactory.Shared.Services.GetRequiredService<SearchIndexing>();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(4));
        while (true)
        {
            if (indexing.LastPopulation is not null)
            {
                var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("大和郡山"));
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException("The search index did not become ready.");
            await Task.Delay(250);
        }
    }
}

/// <summary>
/// Search tests run one class at a time: one of them rebuilds the index (search answers 503 meanwhile) and others
/// change what is published or the synonyms, which the relevance tests must not see half-way.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SearchCollection
{
    public const string Name = "Search";
}
