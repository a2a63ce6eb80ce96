// Search benchmark: builds an index of generated Japanese documents, then runs queries from
// concurrent clients against it, through the same SearchIndex, analyser, query and snippet code the
// site uses (in process: no HTTP). Prints the rebuild time and latency percentiles.
// ALLOC=1 instead measures the memory allocated per search, on the previous engine's index and on the Umbraco
// site's Examine index (ZaitakuSearchIndex), over the same documents (see Allocations.cs).
// Usage: dotnet run -c Release -- <content-seed folder> [documents=10000] [queries=1000] [clients=8]
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Infrastructure.Search;

var seedFolder = args.Length > 0 ? args[0] : "content-seed";
var documentCount = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var queryCount = args.Length > 2 ? int.Parse(args[2]) : 1_000;
var clients = args.Length > 3 ? int.Parse(args[3]) : 8;
var random = new Random(20261124);

// Words of the seed pages (runs of kanji, of katakana, of Latin letters or digits), recombined with
// particles into text with a Zipf-like word frequency, as real text has: a few words everywhere,
// most words in a few documents. Recombining whole sentences would make every query match most documents.
var seedText = string.Join("\n", Directory.GetFiles(seedFolder, "*.md", SearchOption.AllDirectories)
    .Select(f => Regex.Replace(File.ReadAllText(f), "(?s)^---.*?---", "")));
var vocabulary = Regex.Matches(seedText, @"[\p{IsCJKUnifiedIdeographs}々]{2,}|[\p{IsKatakana}ー・]{2,}|[A-Za-z]{2,}")
    .Select(m => m.Value).Distinct().OrderBy(_ => random.Next()).ToArray();
string[] particles = ["の", "は", "を", "に", "で", "と", "が", "について、", "します。", "しました。", "です。", "や", "から", "まで", "ための"];
string Word() => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Floor(Math.Pow(vocabulary.Length, random.NextDouble())) - 1)];
string Text(int words) => string.Concat(Enumerable.Range(0, words).Select(_ => Word() + particles[random.Next(particles.Length)]));
string[] sections = ["事業について", "広報つながり 認知症予防コラム", "医療と介護の相談窓口", "人生会議（ACP）", "わたしノート", "関係団体"];
string[] associations = ["大和郡山市医師会", "大和郡山市歯科医師会", "大和郡山市薬剤師会", "大和郡山市訪問看護事業者連絡会",
    "大和郡山市リハビリテーション連絡協議会", "大和郡山市地域医療連携担当者連絡会", "大和郡山市居宅介護支援事業者連絡会",
    "大和郡山市地域包括支援センター", "大和郡山市保健センター"];

var documents = Enumerable.Range(1, documentCount).Select(i =>
    new SearchDocument(i, [i, 1 + i % 50], $"/generated/{i}/", Text(random.Next(2, 5)), Text(random.Next(60, 200)),
        sections[random.Next(sections.Length)], random.Next(3) == 0 ? associations[random.Next(associations.Length)] : null,
        new DateOnly(2024, 4, 1).AddDays(random.Next(700)))).ToList();
Console.WriteLine($"{documents.Count} documents from a vocabulary of {vocabulary.Length} words, {documents.Sum(d => d.Text.Length + d.Title.Length) / documents.Count} characters each on average");

// Queries: a word of the vocabulary (what residents type), two words, one kanji, the synonym and kana cases.
var queries = Enumerable.Range(0, queryCount).Select(i => (i % 10) switch
{
    0 or 1 => vocabulary[random.Next(vocabulary.Length)] + " " + Word(),
    2 => vocabulary[random.Next(vocabulary.Length)].Where(c => c > 0x4E00).Select(c => c.ToString()).FirstOrDefault() ?? "薬",
    3 => new[] { "ACP", "ケアマネ", "包括", "わたしのーと", "ﾃﾞｲｻｰﾋﾞｽ", "認知症", "薬", "歯" }[random.Next(8)],
    _ => vocabulary[random.Next(vocabulary.Length)],
}).ToList();

if (Environment.GetEnvironmentVariable("ALLOC") == "1")
{
    SearchBench.Allocations.Run(seedFolder, documents);
    return;
}

var folder = Path.Combine(Path.GetTempPath(), "zaitaku-search-bench", Guid.NewGuid().ToString("N"));
using var index = new SearchIndex(folder, NullLogger<SearchIndex>.Instance);
index.Open();
var synonyms = SearchSynonyms.Parse(SearchSynonyms.Default);

var rebuilds = new List<double>();
for (var run = 0; run < 3; run++)
{
    var watch = Stopwatch.StartNew();
    index.Rebuild(documents);
    rebuilds.Add(watch.Elapsed.TotalSeconds);
}
Console.WriteLine($"rebuild of {documents.Count} documents: {string.Join(", ", rebuilds.Select(r => $"{r:0.00} s"))} (best {rebuilds.Min():0.00} s)");

if (Environment.GetEnvironmentVariable("PROFILE") == "1")
{
    foreach (var q in queries.Take(100)) index.Search(SearchQuery.Parse(q, synonyms, index.Analyzer), null, null, 0, 10);
    var w = Stopwatch.StartNew();
    foreach (var q in queries) SearchQuery.Parse(q, synonyms, index.Analyzer);
    Console.WriteLine($"parse: {w.Elapsed.TotalMilliseconds / queries.Count:0.00} ms");
    w.Restart();
    foreach (var q in queries) index.Search(SearchQuery.Parse(q, synonyms, index.Analyzer), null, null, 0, 0);
    Console.WriteLine($"search without snippets: {w.Elapsed.TotalMilliseconds / queries.Count:0.00} ms");
    w.Restart();
    foreach (var q in queries) index.Search(SearchQuery.Parse(q, synonyms, index.Analyzer), null, null, 0, 10);
    Console.WriteLine($"search with snippets: {w.Elapsed.TotalMilliseconds / queries.Count:0.00} ms");
    w.Restart();
    var texts = documents.Take(1000).Select(d => d.Text).ToList();
    var words = SearchQuery.Parse("認知症", synonyms, index.Analyzer).Highlights;
    foreach (var t in texts) Snippets.Make(t, words);
    Console.WriteLine($"snippet: {w.Elapsed.TotalMilliseconds / texts.Count:0.000} ms per document");
    return;
}
// Warm-up, as a running site would be.
foreach (var q in queries.Take(200)) index.Search(SearchQuery.Parse(q, synonyms, index.Analyzer), null, null, 0, 10);

var latencies = new double[queries.Count];
var next = -1;
var hits = 0L;
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() =>
{
    for (int i; (i = Interlocked.Increment(ref next)) < queries.Count;)
    {
        var watch = Stopwatch.StartNew();
        var results = index.Search(SearchQuery.Parse(queries[i], synonyms, index.Analyzer), null, null, 0, 10);
        latencies[i] = watch.Elapsed.TotalMilliseconds;
        Interlocked.Add(ref hits, results?.Total ?? 0);
    }
})));
wall.Stop();
Array.Sort(latencies);
double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine($"{queries.Count} queries from {clients} clients in {wall.Elapsed.TotalSeconds:0.00} s ({queries.Count / wall.Elapsed.TotalSeconds:0} queries/s), {hits / queries.Count} matches per query on average");
Console.WriteLine($"latency per query (search, facet counts, 10 snippets): p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
index.Dispose();
Directory.Delete(folder, recursive: true);
