using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Zaitaku.Infrastructure.Search;

/// <summary>A facet value and how many results have it.</summary>
public sealed record FacetCount(string Value, int Count);

/// <param name="TitleParts">The title with the searched words marked.</param>
public sealed record SearchHit(
    string Url, string Title, IReadOnlyList<SnippetPart> TitleParts, IReadOnlyList<SnippetPart> Snippet, string Section, string? Association,
    DateOnly? Date, string? FileLabel);

public sealed record SearchResults(
    int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<FacetCount> Sections, IReadOnlyList<FacetCount> Associations);

/// <summary>
/// The Lucene index under the data folder: one IndexWriter for all writes (serialised by a lock),
/// a SearcherManager for readers, so searches never wait for a write and never see half of one.
/// A rebuild replaces everything in one commit; readers see the old index until it is done.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    /// <summary>Bumped when fields or analysis change, so an index written by an older version is rebuilt.</summary>
    public const string SchemaVersion = "2";
    private const string SchemaKey = "zaitaku.schema";

    private readonly string _folder;
    private readonly ILogger _logger;
    private readonly JapaneseAnalyzer _analyzer = new();
    private readonly System.Threading.Lock _writeLock = new();
    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private volatile bool _ready;
    private long _lastRepairTicks = long.MinValue / 2;

    public SearchIndex(string folder, ILogger<SearchIndex> logger)
    {
        _folder = folder;
        _logger = logger;
    }

    public string Folder => _folder;
    /// <summary>False until the index has been opened whole or rebuilt: the search page says it is being prepared.</summary>
    public bool IsReady => _ready;
    public JapaneseAnalyzer Analyzer => _analyzer;

    /// <summary>Raised when a search finds the index unreadable, so the owner can schedule a rebuild.</summary>
    public event Action? Corrupted;

    /// <summary>Opens the index; a missing, unreadable or outdated one is wiped and left empty.</summary>
    /// <param name="inMemoryWhenLocked">For a running site that shares its data folder with another
    /// instance: rather than fail, keep an index of its own in memory (rebuilt at start like any).</param>
    /// <returns>Whether the index must be rebuilt before it can answer.</returns>
    public bool Open(bool inMemoryWhenLocked = false)
    {
        lock (_writeLock)
        {
            CloseCore();
            System.IO.Directory.CreateDirectory(_folder);
            _directory = FSDirectory.Open(_folder);
            if (IndexWriter.IsLocked(_directory))
            {
                if (!inMemoryWhenLocked)
                    throw new LockObtainFailedException($"The search index in {_folder} is open in another process.");
                // Another instance on the same data folder owns the files; this one keeps its own copy.
                _logger.LogWarning("Search index in {Folder} is in use by another process; this instance indexes in memory", _folder);
                _directory.Dispose();
                _directory = new RAMDirectory();
            }
            var reusable = false;
            try
            {
                if (DirectoryReader.IndexExists(_directory))
                {
                    using var reader = DirectoryReader.Open(_directory);
                    reusable = reader.IndexCommit.UserData.TryGetValue(SchemaKey, out var v) && v == SchemaVersion;
                    if (!reusable) _logger.LogWarning("Search index in {Folder} is of another version; it will be rebuilt", _folder);
                }
                else _logger.LogWarning("No search index in {Folder}; it will be built", _folder);
                if (reusable) _writer = new IndexWriter(_directory, Config(OpenMode.APPEND));
            }
            catch (LockObtainFailedException)
            {
                throw; // another process (the running site) has it open: never wipe it from under it
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "Search index in {Folder} is unreadable; it will be rebuilt", _folder);
                reusable = false;
                _writer?.Dispose();
                _writer = null;
            }
            if (!reusable)
            {
                foreach (var file in _directory.ListAll()) _directory.DeleteFile(file);
                _writer = new IndexWriter(_directory, Config(OpenMode.CREATE));
                _writer.Commit();
            }
            _searchers = new SearcherManager(_writer!, applyAllDeletes: true, searcherFactory: null);
            _ready = reusable;
            return !reusable;
        }
    }

    private IndexWriterConfig Config(OpenMode mode) => new(JapaneseAnalyzer.Version, _analyzer)
    {
        OpenMode = mode,
        RAMBufferSizeMB = 48,
    };

    /// <summary>Replaces the whole index with these documents, in one commit.</summary>
    public int Rebuild(IEnumerable<SearchDocument> documents)
    {
        lock (_writeLock)
        {
            var writer = Writer();
            writer.DeleteAll();
            var count = 0;
            foreach (var document in documents) { writer.AddDocument(ToLucene(document)); count++; }
            CommitAndRefresh(writer);
            _ready = true;
            return count;
        }
    }

    /// <summary>Removes a node and everything under it, then adds what is published of that branch now.</summary>
    public void ReplaceBranch(int nodeId, IEnumerable<SearchDocument> documents)
    {
        lock (_writeLock)
        {
            var writer = Writer();
            writer.DeleteDocuments(new Term(SearchFields.Path, Id(nodeId)));
            foreach (var document in documents) writer.AddDocument(ToLucene(document));
            CommitAndRefresh(writer);
        }
    }

    /// <summary>Removes single nodes (not their branches) and adds documents, in one commit.</summary>
    public void Apply(IEnumerable<int> removeNodeIds, IEnumerable<SearchDocument> add)
    {
        lock (_writeLock)
        {
            var writer = Writer();
            foreach (var id in removeNodeIds) writer.DeleteDocuments(new Term(SearchFields.Id, Id(id)));
            foreach (var document in add) writer.AddDocument(ToLucene(document));
            CommitAndRefresh(writer);
        }
    }

    public int Count()
    {
        if (_searchers is not { } searchers) return 0;
        var searcher = searchers.Acquire();
        try { return searcher.IndexReader.NumDocs; }
        finally { searchers.Release(searcher); }
    }

    private IndexWriter Writer() => _writer ?? throw new InvalidOperationException("The search index is not open.");

    private void CommitAndRefresh(IndexWriter writer)
    {
        writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = SchemaVersion });
        writer.Commit();
        _searchers!.MaybeRefreshBlocking();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, Id(d.NodeId), Field.Store.YES),
            new StoredField(SearchFields.Url, d.Url),
            new TextField(SearchFields.Title, d.Title, Field.Store.YES),
            new TextField(SearchFields.Text, d.Text, Field.Store.YES),
            new StoredField(SearchFields.Section, d.Section),
            new SortedDocValuesField(SearchFields.Section, new BytesRef(d.Section)),
            new SortedDocValuesField(SearchFields.Association, new BytesRef(d.Association ?? "")),
        };
        foreach (var id in d.Path) doc.Add(new StringField(SearchFields.Path, Id(id), Field.Store.NO));
        if (d.Association is not null) doc.Add(new StoredField(SearchFields.Association, d.Association));
        if (d.Date is { } date) doc.Add(new StoredField(SearchFields.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (d.FileLabel is not null) doc.Add(new StoredField(SearchFields.File, d.FileLabel));
        if (d.Reading is not null) doc.Add(new TextField(SearchFields.Reading, d.Reading, Field.Store.NO));
        return doc;
    }

    /// <summary>
    /// Finds every match once, counts sections and associations over it (each facet's counts honour
    /// the other facet's filter, so a count is what choosing it would show), then keeps one page.
    /// </summary>
    /// <returns>Null when the index is not ready or turned out unreadable.</returns>
    public SearchResults? Search(SearchQuery query, string? section, string? association, int skip, int take)
    {
        if (!_ready || _searchers is not { } searchers) return null;
        IndexSearcher searcher;
        try { searcher = searchers.Acquire(); }
        catch (ObjectDisposedException) { return null; }
        try
        {
            var top = TopScoreDocCollector.Create(Math.Max(1, skip + take), docsScoredInOrder: true);
            var collector = new FacetCollector(top, section, association);
            searcher.Search(query.ToLucene(), collector);
            var hits = top.GetTopDocs(skip, take).ScoreDocs.Select(d => ToHit(searcher.Doc(d.Doc), query.Highlights)).ToList();
            return new SearchResults(collector.Selected, hits, collector.SectionCounts(), collector.AssociationCounts());
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // A damaged file shows as an IOException (CorruptIndexException) or as any other failure
            // deep in a reader, so every failure counts; but at most one repair a minute, so that a
            // query that trips a bug cannot keep the index rebuilding.
            var now = Environment.TickCount64;
            var repair = now - Interlocked.Read(ref _lastRepairTicks) > 60_000;
            _logger.LogError(e, "Search index in {Folder} could not be read{Repair}", _folder, repair ? "; rebuilding it" : "");
            if (repair)
            {
                Interlocked.Exchange(ref _lastRepairTicks, now);
                _ready = false;
                Corrupted?.Invoke();
            }
            return null;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static SearchHit ToHit(Document doc, IReadOnlyList<string> highlights)
    {
        var date = doc.Get(SearchFields.Date) is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed : (DateOnly?)null;
        var title = doc.Get(SearchFields.Title);
        return new SearchHit(doc.Get(SearchFields.Url), title, Snippets.Make(title, highlights),
            Snippets.Make(doc.Get(SearchFields.Text) ?? "", highlights),
            doc.Get(SearchFields.Section), doc.Get(SearchFields.Association), date, doc.Get(SearchFields.File));
    }

    private void CloseCore()
    {
        _ready = false;
        _searchers?.Dispose();
        _searchers = null;
        try { _writer?.Dispose(); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { _logger.LogWarning(e, "Closing the search index"); }
        _writer = null;
        _directory?.Dispose();
        _directory = null;
    }

    public void Dispose()
    {
        lock (_writeLock) CloseCore();
    }
}
