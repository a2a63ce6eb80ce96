using Examine;
using Examine.Lucene;
using Examine.Lucene.Indexing;
using Examine.Lucene.Providers;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Infrastructure.Examine;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Search;

/// <summary>
/// The residents' search index: an Examine index of its own (Umbraco's indexes split Japanese into single
/// characters), with our Japanese analysis. It holds what is published on the site, one document per page or
/// download, and is listed in Settings › Examine Management like Umbraco's own indexes.
/// </summary>
public sealed class ZaitakuSearchIndex : LuceneIndex
{
    public const string IndexName = "ZaitakuSearchIndex";

    private readonly LuceneDirectoryIndexOptions _options;

    public ZaitakuSearchIndex(ILoggerFactory loggerFactory, string name, IOptionsMonitor<LuceneDirectoryIndexOptions> indexOptions)
        : base(loggerFactory, name, indexOptions) => _options = indexOptions.Get(name);

    /// <summary>
    /// Examine's writer, with fewer segments: a query allocates per segment for each of its terms (a word with its
    /// synonyms is a dozen), and Examine's settings (16 MB buffer, ten segments a tier) left a 10,000-document index in
    /// three segments and a search allocating two to three times what one segment costs (docs/benchmarks.md).
    /// </summary>
    protected override IndexWriter CreateIndexWriter(Lucene.Net.Store.Directory d)
    {
        var config = new IndexWriterConfig(LuceneInfo.CurrentVersion, FieldAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            IndexDeletionPolicy = _options.IndexDeletionPolicy ?? new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()),
            RAMBufferSizeMB = 48,
            MergePolicy = new TieredMergePolicy { MaxMergeAtOnce = 2, SegmentsPerTier = 2 },
        };
        return new IndexWriter(d, config);
    }

    /// <summary>
    /// How much of a document's text is kept for its snippet. The whole text is indexed (every word is found), but
    /// only its start is stored: folding a booklet's 200,000 characters for each hit made a search allocate about
    /// 1 MB (docs/benchmarks.md). This covers the whole text of every page of the seed; in a long PDF a word found
    /// further on is still found, and its result shows the start of the file.
    /// </summary>
    public const int SnippetSourceLength = 4_000;

    /// <summary>The Japanese analysis this index was built with, also used to turn a query into terms.</summary>
    public Analyzer JapaneseAnalysis => DefaultAnalyzer;

    /// <summary>What a search document becomes in the index.</summary>
    public static ValueSet ToValueSet(SearchDocument d, string contentTypeAlias)
    {
        IDictionary<string, IEnumerable<object>> values = new Dictionary<string, IEnumerable<object>>
        {
            [SearchIndexFields.NodeName] = [d.Title],
            [SearchFields.Url] = [d.Url],
            [SearchFields.Title] = [d.Title],
            [SearchFields.Text] = [d.Text],
            [SearchIndexFields.Snippet] = [d.Text.Length > SnippetSourceLength ? Cut(d.Text, SnippetSourceLength) : d.Text],
            [SearchFields.Section] = [d.Section],
            [SearchFields.Path] = d.Path.Select(id => (object)id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
        if (d.Association is not null) values[SearchFields.Association] = [d.Association];
        if (d.Date is { } date) values[SearchFields.Date] = [date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
        if (d.FileLabel is not null) values[SearchFields.File] = [d.FileLabel];
        if (d.Reading is not null) values[SearchFields.Reading] = [d.Reading];
        return new ValueSet(d.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), IndexTypes.Content, contentTypeAlias, values);
    }

    /// <summary>The text cut to a length, not between the halves of a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
}

/// <summary>Field names of this index beside the engine's own (<see cref="SearchFields"/>).</summary>
public static class SearchIndexFields
{
    /// <summary>Shown by Examine Management as the document's name.</summary>
    public const string NodeName = "nodeName";
    /// <summary>The start of the text, stored for snippets (<see cref="ZaitakuSearchIndex.SnippetSourceLength"/>).</summary>
    public const string Snippet = "snippet";
}

/// <summary>
/// Sets up the index: our analyser, and how each field is written. Examine's own full-text type stores every value
/// it indexes; here the text is indexed without being stored, and what a result shows is stored without being
/// indexed, so a search reads only what it displays.
/// </summary>
public sealed class ConfigureZaitakuSearchIndexOptions(IOptions<IndexCreatorSettings> settings, ILoggerFactory loggerFactory)
    : IConfigureNamedOptions<LuceneDirectoryIndexOptions>
{
    private const string AnalysedType = "zaitaku.analysed";
    private const string AnalysedStoredType = "zaitaku.analysed.stored";
    private const string StoredType = "zaitaku.stored";
    private const string FacetType = "zaitaku.facet";
    private const string KeywordType = "zaitaku.keyword";

    public void Configure(string? name, LuceneDirectoryIndexOptions options)
    {
        if (name != ZaitakuSearchIndex.IndexName) return;
        var japanese = new JapaneseAnalyzer();
        var keyword = new KeywordAnalyzer();
        options.Analyzer = japanese;
        options.IndexValueTypesFactory = new Dictionary<string, IFieldValueTypeFactory>
        {
            [AnalysedType] = Factory(japanese, (doc, field, value) => doc.Add(new TextField(field, value, Field.Store.NO))),
            [AnalysedStoredType] = Factory(japanese, (doc, field, value) => doc.Add(new TextField(field, value, Field.Store.YES))),
            [StoredType] = Factory(keyword, (doc, field, value) => doc.Add(new StoredField(field, value))),
            // A section or association is shown, and counted for the filters from its doc values.
            [FacetType] = Factory(keyword, (doc, field, value) =>
            {
                doc.Add(new StoredField(field, value));
                doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
            }),
            [KeywordType] = Factory(keyword, (doc, field, value) => doc.Add(new StringField(field, value, Field.Store.NO))),
        };
        options.FieldDefinitions = new FieldDefinitionCollection(
            new FieldDefinition(SearchFields.Title, AnalysedStoredType),
            new FieldDefinition(SearchFields.Text, AnalysedType),
            new FieldDefinition(SearchFields.Reading, AnalysedType),
            new FieldDefinition(SearchIndexFields.Snippet, StoredType),
            new FieldDefinition(SearchIndexFields.NodeName, StoredType),
            new FieldDefinition(SearchFields.Url, StoredType),
            new FieldDefinition(SearchFields.Date, StoredType),
            new FieldDefinition(SearchFields.File, StoredType),
            new FieldDefinition(SearchFields.Section, FacetType),
            new FieldDefinition(SearchFields.Association, FacetType),
            new FieldDefinition(SearchFields.Path, KeywordType));
        // Published changes show in search within a fraction of a second (Examine's default waits up to one).
        options.NrtTargetMinStaleSec = 0.1;
        options.UnlockIndex = true;
        if (settings.Value.LuceneDirectoryFactory == LuceneDirectoryFactory.SyncedTempFileSystemDirectoryFactory)
            options.IndexDeletionPolicy = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
    }

    public void Configure(LuceneDirectoryIndexOptions options) => Configure(Options.DefaultName, options);

    private DelegateFieldValueTypeFactory Factory(Analyzer analyzer, Action<Document, string, string> add) =>
        new(field => new OurFieldType(field, loggerFactory, analyzer, add));

    private sealed class OurFieldType(string fieldName, ILoggerFactory loggerFactory, Analyzer analyzer, Action<Document, string, string> add)
        : IndexFieldValueTypeBase(fieldName, loggerFactory)
    {
        public override Analyzer Analyzer => analyzer;

        protected override void AddSingleValue(Document doc, object value)
        {
            if (TryConvert<string>(value, out var text) && text is not null) add(doc, FieldName, text);
        }
    }
}
