using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Options;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Statistics;

namespace Zaitaku.Web.Site.OpenData;

/// <summary>Who publishes the open data (Zaitaku:OpenData): the 全国地方公共団体コード and the city's name.</summary>
public sealed class OpenDataOptions
{
    /// <summary>大和郡山市's 全国地方公共団体コード (six digits, with its check digit).</summary>
    public string LocalGovernmentCode { get; set; } = "292036";
    public string LocalGovernmentName { get; set; } = "奈良県大和郡山市";
}

/// <summary>A column of a dataset: its name (in the 自治体標準オープンデータセット's words where one applies) and what it holds.</summary>
public sealed record DatasetColumn(string Name, string Description, bool Standard);

/// <summary>
/// One dataset, made from published content only: the statistics and the windows editors keep. Its
/// CSV and JSON are built from the same rows, so the two never disagree.
/// </summary>
public sealed class Dataset
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<DatasetColumn> Columns { get; init; }
    /// <summary>Cells are string, int, decimal or null (an empty cell).</summary>
    public required IReadOnlyList<object?[]> Rows { get; init; }
    /// <summary>The page the figures are shown on, as a site path.</summary>
    public required string? SourceUrl { get; init; }
    /// <summary>Who publishes it and the page's absolute address (from PublicUrl), for the JSON file's header.</summary>
    public required string Publisher { get; init; }
    public string? SourceAbsoluteUrl { get; init; }
    public required DateTime ModifiedUtc { get; init; }
    /// <summary>Why some values are samples, when some are; the values themselves also say （サンプル）.</summary>
    public string? SampleNote { get; init; }

    private byte[]? _csv, _json;
    public byte[] Csv => _csv ??= OpenDataFiles.ToCsv(this);
    public byte[] Json => _json ??= OpenDataFiles.ToJson(this);
}

/// <summary>The datasets the site publishes, from the current published snapshot (built once per snapshot).</summary>
public sealed class OpenDataCatalog(IOptions<OpenDataOptions> options, Hosting.PublicUrl site)
{
    public const string BasePath = "/opendata/";
    public const string LicenseUrl = "https://creativecommons.org/licenses/by/4.0/deed.ja";
    public const string LicenseName = "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）";

    private readonly ConditionalWeakTable<PublishedSnapshot, IReadOnlyList<Dataset>> _bySnapshot = new();

    public OpenDataOptions Publisher => options.Value;

    public IReadOnlyList<Dataset> Datasets(PublishedSnapshot snapshot) => _bySnapshot.GetValue(snapshot, Build);

    public Dataset? Find(PublishedSnapshot snapshot, string slug) => Datasets(snapshot).FirstOrDefault(d => d.Slug == slug);

    public static string FileUrl(Dataset dataset, string extension) => $"{BasePath}{dataset.Slug}.{extension}";

    private IReadOnlyList<Dataset> Build(PublishedSnapshot snapshot)
    {
        var list = new List<Dataset>();
        var statistics = snapshot.OfType("statisticsPage").Where(p => p.Url is not null).OrderBy(p => p.Url, StringComparer.Ordinal).ToList();
        if (statistics.Select(p => (Page: p, Years: ParticipationYear.From(CsvTable.Parse(p.Value("table") ?? "")))).FirstOrDefault(x => x.Years is not null) is { Page: { } pp, Years: { } years })
            list.Add(Participation(pp, years));
        if (statistics.Select(p => (Page: p, Items: PlanIndicator.From(CsvTable.Parse(p.Value("table") ?? "")))).FirstOrDefault(x => x.Items is not null) is { Page: { } ip, Items: { } indicators })
            list.Add(Indicators(ip, indicators));
        var windows = snapshot.OfType("consultationWindow").Where(w => w.Url is not null).OrderBy(w => w.Parent?.SortOrder).ThenBy(w => w.SortOrder).ToList();
        if (windows.Count > 0) list.Add(Windows(windows));
        return list;
    }

    private static readonly DatasetColumn Code = new("全国地方公共団体コード", "情報の管理主体である市の全国地方公共団体コード（6桁）", true);
    private static readonly DatasetColumn Government = new("地方公共団体名", "情報の管理主体である市の名前", true);

    private Dataset Participation(PublishedContent page, IReadOnlyList<ParticipationYear> years) => new()
    {
        Publisher = Publisher.LocalGovernmentName,
        SourceAbsoluteUrl = site.Absolute(page.Url!),
        Slug = "participation",
        Title = "在宅医療・介護連携推進会議と作業部会の参加者数",
        Description = "年度ごと・会議ごとの実施回数、参加団体数、延べ参加者数です。",
        SourceUrl = page.Url,
        ModifiedUtc = page.UpdatedUtc,
        Columns =
        [
            Code, Government,
            new("年度", "年度（西暦。4月から翌年3月まで）", false),
            new("年度_和暦", "年度の和暦の略記（例：R6）", false),
            new("会議名", "推進会議、または作業部会（部会A〜部会F）", false),
            new("実施回数", "その年度に会議を開いた回数（回）", false),
            new("参加団体数", "参加した団体の数（団体）", false),
            new("延べ参加者数", "各回の参加者の合計（人）", false),
        ],
        Rows = years.OrderBy(y => y.FiscalYear).SelectMany(y => y.Rows.Select(r => new object?[]
        {
            Publisher.LocalGovernmentCode, Publisher.LocalGovernmentName, y.FiscalYear, y.Label, r.Body, r.Meetings, r.Organizations, r.Participants,
        })).ToList(),
    };

    private Dataset Indicators(PublishedContent page, IReadOnlyList<PlanIndicator> indicators) => new()
    {
        Publisher = Publisher.LocalGovernmentName,
        SourceAbsoluteUrl = site.Absolute(page.Url!),
        Slug = "indicators",
        Title = "在宅医療・介護連携推進事業計画の成果指標",
        Description = "事業計画（令和6年度〜令和8年度）の成果指標の、基準の年度の値と目標です。",
        SourceUrl = page.Url,
        ModifiedUtc = page.UpdatedUtc,
        Columns =
        [
            Code, Government,
            new("指標番号", "計画での指標の番号", false),
            new("指標名", "指標の名前", false),
            new("単位", "基準値の単位", false),
            new("基準年度", "基準値の年度（西暦）", false),
            new("基準値", "基準の年度の値", false),
            new("目標年度", "目標の年度（西暦）", false),
            new("目標", "計画に書かれた目標（例：増加）", false),
            new("出典調査", "値をとった調査", false),
        ],
        Rows = indicators.Select(i => new object?[]
        {
            Publisher.LocalGovernmentCode, Publisher.LocalGovernmentName, i.Number, i.Name, i.Unit, i.BaselineFiscalYear, i.Baseline, i.TargetFiscalYear, i.Target, i.Survey,
        }).ToList(),
    };

    private Dataset Windows(IReadOnlyList<PublishedContent> windows) => new()
    {
        Publisher = Publisher.LocalGovernmentName,
        SourceAbsoluteUrl = site.Absolute(windows[0].Parent?.Url ?? windows[0].Url!),
        Slug = "consultation-windows",
        Title = "医療と介護の相談窓口一覧",
        Description = "在宅医療介護支援センターと地域包括支援センターの連絡先です。項目名は自治体標準オープンデータセットの「公共施設一覧」にならっています。",
        SourceUrl = windows[0].Parent?.Url ?? windows[0].Url,
        ModifiedUtc = windows.Max(w => w.UpdatedUtc),
        SampleNote = windows.Any(w => w.ValueAsBool("isSample"))
            ? "電話番号・FAX番号・住所・受付時間・担当区域のうち「（サンプル）」と書かれた値は仮の内容です。正しい内容は事務局が確認して載せます。「備考」列にも書いています。"
            : null,
        Columns =
        [
            Code,
            new("ID", "市の中で窓口を一つに決める番号（このサイトでのページの識別子）", true),
            Government,
            new("名称", "窓口の名前", true),
            new("種別", "窓口の種類", false),
            new("住所", "所在地", true),
            new("電話番号", "電話番号", true),
            new("FAX番号", "ファクス番号", true),
            new("利用可能日時特記事項", "受付時間", true),
            new("説明", "相談できること", true),
            new("担当区域", "担当する地区", false),
            new("URL", "窓口のページのアドレス", true),
            new("備考", "サンプルの値を含むかどうかなど", true),
        ],
        Rows = windows.Select(w => new object?[]
        {
            Publisher.LocalGovernmentCode, w.Key.ToString(), Publisher.LocalGovernmentName, w.Name, w.Value("windowKind"),
            w.Value("address"), w.Value("phone"), w.Value("fax"), w.Value("hours"), w.Value("summary"), w.Value("area"),
            site.Absolute(w.Url!), w.ValueAsBool("isSample") ? "（サンプル）連絡先の項目は仮の内容です" : null,
        }).ToList(),
    };
}

/// <summary>Writes a dataset as CSV (UTF-8 with BOM, so Excel opens it as Japanese) and as JSON.</summary>
public static class OpenDataFiles
{
    public static byte[] ToCsv(Dataset dataset)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }))
        {
            foreach (var column in dataset.Columns) csv.WriteField(column.Name);
            csv.NextRecord();
            foreach (var row in dataset.Rows)
            {
                foreach (var cell in row) csv.WriteField(Cell(cell));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static byte[] ToJson(Dataset dataset)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Japanese stays readable; <, > and & are still escaped.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        }))
        {
            w.WriteStartObject();
            w.WriteString("title", dataset.Title);
            w.WriteString("description", dataset.Description);
            w.WriteString("publisher", dataset.Publisher);
            w.WriteString("license", OpenDataCatalog.LicenseUrl);
            w.WriteString("licenseName", OpenDataCatalog.LicenseName);
            if (dataset.SourceAbsoluteUrl is not null) w.WriteString("source", dataset.SourceAbsoluteUrl);
            w.WriteString("modified", JapaneseDates.JapanDate(dataset.ModifiedUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (dataset.SampleNote is not null) w.WriteString("sampleNote", dataset.SampleNote);
            w.WriteStartArray("columns");
            foreach (var c in dataset.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("description", c.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("records");
            foreach (var row in dataset.Rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < dataset.Columns.Count; i++)
                {
                    var name = dataset.Columns[i].Name;
                    switch (row[i])
                    {
                        case null: w.WriteNull(name); break;
                        case int n: w.WriteNumber(name, n); break;
                        case decimal d: w.WriteNumber(name, d); break;
                        default: w.WriteString(name, row[i]!.ToString()); break;
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
