using System.Text.Json;
using AngleSharp.Html.Parser;
using Zaitaku.Core.Statistics;
using Zaitaku.Web.Site.Charts;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// The plan's activity indicators (活動指標): those given as numbers drawn as baseline → target, the
/// ones in words kept in tables, and all of them in the indicators open data, as the city wrote them.
/// </summary>
public sealed class ActivityIndicatorChartTests(SharedSite site) : IClassFixture<SharedSite>
{
    private const string Csv = """
        area,indicator,unit,2023,2024,2025,2026
        施策A,会議の開催数,回,8,7→8,7,10
        施策A,実態調査,,実施,－,－,実施
        施策B,情報提供率,%,91.4,維持／100.0,維持,維持
        施策B,<b>研修会</b>の開催,回,6,6→7,6,5
        施策B,相談の割合,%,40,,,55.5
        """;

    private static AngleSharp.Dom.IElement Svg(BarChart chart) =>
        new HtmlParser().ParseDocument("<body>" + chart.Render()).QuerySelector("svg")!;

    [Fact]
    public void Only_indicators_with_a_number_in_the_first_and_last_year_are_charted_one_chart_per_unit()
    {
        var indicators = ActivityIndicator.From(CsvTable.Parse(Csv))!;
        Assert.Equal(5, indicators.Count);
        Assert.Equal(["施策A", "施策B"], ActivityIndicator.Areas(indicators));
        Assert.Equal([true, false, false, true, true], indicators.Select(i => i.IsNumeric));

        var charts = ActivityCharts.BaselineToTarget(indicators);
        Assert.Equal(2, charts.Count); // 回 and %, never on one scale
        var counts = Svg(charts[0]);
        Assert.Equal("img", counts.GetAttribute("role"));
        Assert.Equal("活動指標の令和5年度の値と令和8年度の目標", counts.QuerySelector("title")!.TextContent);
        Assert.Equal(["会議の開催数", "<b>研修会</b>の開催"], counts.QuerySelectorAll("text.chart__heading").Select(t => t.TextContent));
        Assert.Equal(["令和5年度", "令和8年度の目標", "令和5年度", "令和8年度の目標"], counts.QuerySelectorAll("text.chart__label").Select(t => t.TextContent));
        Assert.Equal(["8回", "10回", "6回", "5回"], counts.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
        Assert.Contains("会議の開催数は令和5年度が8回、令和8年度の目標が10回。", counts.QuerySelector("desc")!.TextContent);
        // The longest bar is the largest figure; the others in proportion.
        var widths = counts.QuerySelectorAll("rect.chart__bar").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(widths.Max(), widths[1]);
        Assert.Equal(widths[1] * 0.5, widths[3], 0.5);
        Assert.DoesNotContain("<b>", charts[0].Render());

        var percent = Svg(charts[1]);
        Assert.Equal(["40％", "55.5％"], percent.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
        Assert.Equal(2, percent.QuerySelectorAll("rect.chart__track").Length);
        Assert.NotEqual(counts.GetAttribute("aria-labelledby"), percent.GetAttribute("aria-labelledby"));
    }

    [Theory]
    [InlineData("area,indicator,unit\n施策A,会議,回")]
    [InlineData("area,indicator,unit,R5,R6\n施策A,会議,回,8,8")]
    [InlineData("number,indicator,unit,2023,2026\n1,会議,回,8,8")]
    public void A_table_of_another_shape_is_not_read_as_activity_indicators(string csv) =>
        Assert.Null(ActivityIndicator.From(CsvTable.Parse(csv)));

    [Fact]
    public async Task The_indicators_page_charts_the_numeric_activity_indicators_and_tables_every_one_as_written()
    {
        var html = await site.Client.GetStringAsync("/about/indicators/");
        var document = new HtmlParser().ParseDocument(html);

        var headings = document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.True(headings.IndexOf("成果指標") >= 0 && headings.IndexOf("成果指標") < headings.IndexOf("活動指標"), string.Join("／", headings));
        var chart = document.QuerySelector("#activity-heading")!.ParentElement!.QuerySelector("svg[role=img]")!;
        Assert.Equal("活動指標の令和5年度の値と令和8年度の目標", chart.QuerySelector("title")!.TextContent);
        // The three given as numbers in both years, their long names wrapped over lines of the drawing.
        Assert.Equal("大和郡山市在宅医療・介護連携推進会議開催数医療・介護関係者を対象とした研修会、事例検討会の開催認知症について語ろう会の開催",
            string.Concat(chart.QuerySelectorAll("text.chart__heading").Select(t => t.TextContent)));
        Assert.Equal(["8回", "8回", "6回", "6回", "6回", "5回"], chart.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));

        var tables = document.QuerySelectorAll(".activity-indicators table").ToList();
        Assert.Equal(2, tables.Count);
        Assert.Equal("「在宅医療と介護を一体的に提供できる体制の構築・強化」の活動指標", tables[0].QuerySelector("caption")!.TextContent);
        var text = Html.WithoutNoBreaks(tables[0].OuterHtml);
        foreach (var written in new[] { "7→8", "維持／100.0", "増加／42.9", "医療機関 19.5・医療専門職 29.3・CM・包括 15.4", "減少" })
            Assert.Contains(written, text);
        Assert.Contains("ACP講演会・人生会議動画", tables[1].TextContent);
        Assert.Equal(9, tables.Sum(t => t.QuerySelectorAll("tbody tr").Length));
    }

    [Fact]
    public async Task The_indicators_open_data_holds_the_activity_indicators_as_written()
    {
        var csv = await ExternalValidator.RunAsync("csv", await site.Client.GetByteArrayAsync("/opendata/indicators.csv"));
        var header = csv.GetProperty("header").EnumerateArray().Select(h => h.GetString()!).ToList();
        var rows = csv.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        Assert.Equal(["指標の種類", "施策", "基準値_記載", "2024年度_記載", "2025年度_記載"], header.Skip(10));
        Assert.Equal(6, rows.Count(r => r[header.IndexOf("指標の種類")] == "成果指標"));
        var activities = rows.Where(r => r[header.IndexOf("指標の種類")] == "活動指標").ToList();
        Assert.Equal(9, activities.Count);
        var council = activities.Single(r => r[header.IndexOf("指標名")] == "大和郡山市在宅医療・介護連携推進会議開催数");
        Assert.Equal(["回", "2023", "8", "2026", "8"], council.Skip(4).Take(5));
        Assert.Equal(["8", "7→8", "7"], council.Skip(12));
        var survey = activities.Single(r => r[header.IndexOf("指標名")].StartsWith("急変時", StringComparison.Ordinal));
        Assert.Equal("", survey[header.IndexOf("基準値")]); // words, not a number
        Assert.Equal("医療機関 19.5・医療専門職 29.3・CM・包括 15.4", survey[header.IndexOf("基準値_記載")]);

        // In the JSON the figures stay numbers and the words stay words.
        using var json = JsonDocument.Parse(await site.Client.GetStringAsync("/opendata/indicators.json"));
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        var councilRecord = records.Single(r => r.GetProperty("指標名").GetString() == "大和郡山市在宅医療・介護連携推進会議開催数");
        Assert.Equal(8, councilRecord.GetProperty("基準値").GetDecimal());
        Assert.Equal("7→8", councilRecord.GetProperty("2024年度_記載").GetString());
    }
}
