using System.Globalization;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Statistics;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.OpenData;

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
/// One dataset, made from published content only: the statistics and the windows editors keep. Its CSV and JSON are
/// built from the same rows, so the two never disagree.
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

/// <summary>
/// The datasets the site publishes, read from the published content when asked (three small tables), so a publish or
/// an unpublish is in the next file and nothing unpublished or in draft ever leaves through them.
/// </summary>
public sealed class OpenDataCatalog(IOptions<OpenDataOptions> options, PublicUrl site, SitePages pages)
{
    public const string BasePath = "/opendata/";
    public const string LicenseUrl = "https://creativecommons.org/licenses/by/4.0/deed.ja";
    public const string LicenseName = "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）";
    public const string StatisticsPageType = "statisticsPage";
    public const string WindowType = "consultationWindow";

    public OpenDataOptions Publisher => options.Value;

    public IReadOnlyList<Dataset> Datasets() => pages.Home() is { } home ? Build(home) : [];

    public Dataset? Find(string slug) => Datasets().FirstOrDefault(d => d.Slug == slug);

    public static string FileUrl(Dataset dataset, string extension) => $"{BasePath}{dataset.Slug}.{extension}";

    private IReadOnlyList<Dataset> Build(IPublishedContent home)
    {
        var list = new List<Dataset>();
        var statistics = home.DescendantsOfType(StatisticsPageType).OrderBy(p => p.Url(), StringComparer.Ordinal).ToList();
        if (statistics.Select(p => (Page: p, Years: ParticipationYear.From(p.Table("table")))).FirstOrDefault(x => x.Years is not null) is { Page: { } pp, Years: { } years })
            list.Add(Participation(pp, years));
        if (statistics.Select(p => (Page: p, Items: PlanIndicator.From(p.Table("table")))).FirstOrDefault(x => x.Items is not null) is { Page: { } ip, Items: { } indicators })
            list.Add(Indicators(ip, indicators));
        var windows = home.DescendantsOfType(WindowType).OrderBy(w => w.Parent()?.SortOrder).ThenBy(w => w.SortOrder).ToList();
        if (windows.Count > 0) list.Add(Windows(windows));
        return list;
    }

    private static DateTime Updated(IPublishedContent page) => page.UpdateDate.ToUniversalTime();

    private static readonly DatasetColumn Code = new("全国地方公共団体コード", "情報の管理主体である市の全国地方公共団体コード（6桁）", true);
    private static readonly DatasetColumn Government = new("地方公共団体名", "情報の管理主体である市の名前", true);

    private Dataset Participation(IPublishedContent page, IReadOnlyList<ParticipationYear> years) => new()
    {
        Publisher = Publisher.LocalGovernmentName,
        SourceAbsoluteUrl = site.Absolute(page.Url()),
        Slug = "participation",
        Title = "在宅医療・介護連携推進会議と作業部会の参加者数",
        Description = "年度ごと・会議ごとの実施回数、参加団体数、延べ参加者数です。",
        SourceUrl = page.Url(),
        ModifiedUtc = Updated(page),
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

    /// <summary>
    /// The outcome indicators (成果指標), then the activity indicators (活動指標) the same page keeps. An activity
    /// indicator's values are mostly words, kept as written in 基準値_記載, 目標 and a column per year between; 基準値
    /// holds a number only where the city gave one plain number.
    /// </summary>
    private Dataset Indicators(IPublishedContent page, IReadOnlyList<PlanIndicator> indicators)
    {
        var activities = ActivityIndicator.From(page.Table("activityTable")) ?? [];
        List<int> between = activities.Count == 0 ? [] : activities[0].Values.Skip(1).SkipLast(1).Select(v => v.FiscalYear).ToList();
        var columns = new List<DatasetColumn>
        {
            Code, Government,
            new("指標番号", "計画での指標の番号（活動指標には番号がありません）", false),
            new("指標名", "指標の名前", false),
            new("単位", "基準値の単位", false),
            new("基準年度", "基準値の年度（西暦）", false),
            new("基準値", "基準の年度の値（数値のときだけ）", false),
            new("目標年度", "目標の年度（西暦）", false),
            new("目標", "計画に書かれた目標（例：増加）", false),
            new("出典調査", "値をとった調査", false),
        };
        var rows = indicators.Select(i => new List<object?>
        {
            Publisher.LocalGovernmentCode, Publisher.LocalGovernmentName, i.Number, i.Name, i.Unit, i.BaselineFiscalYear, i.Baseline, i.TargetFiscalYear, i.Target, i.Survey,
        }).ToList();
        if (activities.Count > 0)
        {
            columns.Add(new("指標の種類", "成果指標か活動指標か", false));
            columns.Add(new("施策", "活動指標が属する計画の施策", false));
            columns.Add(new("基準値_記載", "基準の年度の値を、市の資料の記載のまま（例：実施）", false));
            columns.AddRange(between.Select(y => new DatasetColumn($"{y}年度_記載", $"{JapaneseDates.FormatFiscalYear(y)}の値を、市の資料の記載のまま", false)));
            foreach (var (row, i) in rows.Zip(indicators))
            {
                row.AddRange(["成果指標", null, i.Baseline?.ToString(CultureInfo.InvariantCulture)]);
                row.AddRange(between.Select(_ => (object?)null));
            }
            rows.AddRange(activities.Select(a => new List<object?>
            {
                Publisher.LocalGovernmentCode, Publisher.LocalGovernmentName, null, a.Name, a.Unit.Length == 0 ? null : a.Unit,
                a.Baseline.FiscalYear, a.Baseline.Number, a.Target.FiscalYear, a.Target.Text, null,
                "活動指標", a.Area, a.Baseline.Text,
            }.Concat(between.Select(y => (object?)a.Values.First(v => v.FiscalYear == y).Text)).ToList()));
        }
        return new()
        {
            Publisher = Publisher.LocalGovernmentName,
            SourceAbsoluteUrl = site.Absolute(page.Url()),
            Slug = "indicators",
            Title = activities.Count == 0 ? "在宅医療・介護連携推進事業計画の成果指標" : "在宅医療・介護連携推進事業計画の成果指標と活動指標",
            Description = activities.Count == 0
                ? "事業計画（令和6年度〜令和8年度）の成果指標の、基準の年度の値と目標です。"
                : "事業計画（令和6年度〜令和8年度）の成果指標と活動指標の、基準の年度の値と目標です。活動指標の値は、市の資料の記載のままです。",
            SourceUrl = page.Url(),
            ModifiedUtc = Updated(page),
            Columns = columns,
            Rows = rows.Select(r => r.ToArray()).ToList(),
        };
    }

    private Dataset Windows(IReadOnlyList<IPublishedContent> windows)
    {
        var listPage = windows[0].Parent() ?? windows[0];
        return new()
        {
            Publisher = Publisher.LocalGovernmentName,
            SourceAbsoluteUrl = site.Absolute(listPage.Url()),
            Slug = "consultation-windows",
            Title = "医療と介護の相談窓口一覧",
            Description = "在宅医療介護支援センターと地域包括支援センターの連絡先です。項目名は自治体標準オープンデータセットの「公共施設一覧」にならっています。",
            SourceUrl = listPage.Url(),
            ModifiedUtc = windows.Max(Updated),
            SampleNote = windows.Any(w => w.Flag("isSample"))
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
                Publisher.LocalGovernmentCode, w.Key.ToString(), Publisher.LocalGovernmentName, w.Name, w.Text("windowKind"),
                w.Text("address"), w.Text("phone"), w.Text("fax"), w.Text("hours"), w.Text("summary"), w.Text("area"),
                site.Absolute(w.Url()), w.Flag("isSample") ? "（サンプル）連絡先の項目は仮の内容です" : null,
            }).ToList(),
        };
    }
}
