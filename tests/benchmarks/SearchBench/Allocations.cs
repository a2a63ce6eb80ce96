// Memory allocated per search (ALLOC=1): the previous engine's SearchIndex, which stores each document's whole
// text and folds all of it (up to 20,000 characters) for a hit's snippet, against the Umbraco site's Examine index,
// which stores only the start of the text (ZaitakuSearchIndex.SnippetSourceLength) and reads only the fields a
// result shows. Same documents, same queries, single-threaded, after a warm-up; GC.GetAllocatedBytesForCurrentThread.
using Examine.Lucene;
using Examine.Lucene.Directories;
using Examine.Lucene.Providers;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Umbraco.Cms.Core.Configuration.Models;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Search;

namespace SearchBench;

public static class Allocations
{
    /// <summary>The queries of the resilience measurement (docs/resilience.md), and one that finds the booklets.</summary>
    private static readonly string[] Queries = ["認知症", "ケアマネ", "ACP 相談", "わたしノート"];

    public static void Run(string seedFolder, List<SearchDocument> generated)
    {
        // The seed's two PDFs (わたしノート), read as both sites read them, each offered as 20 downloads, so that
        // queries that find them get whole pages of long texts, as on the site.
        var pdfTexts = System.IO.Directory.GetFiles(Path.Combine(seedFolder, "media"), "*.pdf").Select(PdfText).ToList();
        var downloads = Enumerable.Range(0, 40).Select(i => new SearchDocument(100_000 + i, [100_000 + i], $"/media/{i}.pdf",
            $"わたしノート（サンプル）{i}", "わたしノート ACP 人生会議の相談 認知症 ケアマネ " + pdfTexts[i % pdfTexts.Count], "わたしノート", null,
            new DateOnly(2025, 1, 1), "PDF：129KB・8ページ")).ToList();
        var documents = generated.Concat(downloads).ToList();
        Console.WriteLine($"{documents.Count} documents; the seed's PDFs have {string.Join(" and ", pdfTexts.Select(t => t.Length))} characters of text");
        var synonyms = SearchSynonyms.Parse(SearchSynonyms.Default);

        var oldFolder = Path.Combine(Path.GetTempPath(), "zaitaku-search-alloc", Guid.NewGuid().ToString("N"));
        using (var old = new SearchIndex(oldFolder, NullLogger<SearchIndex>.Instance))
        {
            old.Open();
            old.Rebuild(documents);
            Report("previous engine (SearchIndex, whole text stored)",
                (q, take) => old.Search(SearchQuery.Parse(q, synonyms, old.Analyzer), null, null, 0, take)!.Hits.Count);
        }
        System.IO.Directory.Delete(oldFolder, recursive: true);

        var newFolder = Path.Combine(Path.GetTempPath(), "zaitaku-search-alloc", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new IndexCreatorSettings()));
        services.ConfigureOptions<ConfigureZaitakuSearchIndexOptions>();
        services.Configure<LuceneDirectoryIndexOptions>(ZaitakuSearchIndex.IndexName,
            o => o.DirectoryFactory = new GenericDirectoryFactory(_ => FSDirectory.Open(newFolder)));
        using (var provider = services.BuildServiceProvider())
        using (var index = ActivatorUtilities.CreateInstance<ZaitakuSearchIndex>(provider, ZaitakuSearchIndex.IndexName,
            provider.GetRequiredService<IOptionsMonitor<LuceneDirectoryIndexOptions>>()))
        {
            using (index.WithThreadingMode(IndexThreadingMode.Synchronous))
                index.IndexItems(documents.Select(d => ZaitakuSearchIndex.ToValueSet(d, "contentPage")));
            using (var reference = ((LuceneSearcher)index.Searcher).GetSearchContext().GetSearcher())
                Console.WriteLine($"(the Examine index has {reference.IndexSearcher.IndexReader.Leaves.Count} segments)");
            Report($"Umbraco site (ZaitakuSearchIndex, first {ZaitakuSearchIndex.SnippetSourceLength:N0} characters stored)",
                (q, take) => SiteSearch.Run(index, SearchQuery.Parse(q, synonyms, index.JapaneseAnalysis), null, null, 0, take).Hits.Count);
        }
        System.IO.Directory.Delete(newFolder, recursive: true);
    }

    /// <summary>Per query: the whole search with ten hits, and the same without hits (query, scoring, facet counts).</summary>
    private static void Report(string name, Func<string, int, int> search)
    {
        Console.WriteLine(name);
        foreach (var q in Queries)
        {
            var withHits = PerSearch(() => search(q, 10));
            var withoutHits = PerSearch(() => search(q, 0));
            Console.WriteLine($"  「{q}」: {withHits / 1024.0:N0} KB per search with 10 hits; {withoutHits / 1024.0:N0} KB of it without the hits (query, scoring, facet counts)");
        }
    }

    private static long PerSearch(Action search)
    {
        for (var i = 0; i < 20; i++) search(); // warm-up: JIT, reader caches
        const int runs = 200;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++) search();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
    }

    private static string PdfText(string file)
    {
        using var pdf = PdfDocument.Open(file);
        return string.Join("\n", pdf.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }
}
