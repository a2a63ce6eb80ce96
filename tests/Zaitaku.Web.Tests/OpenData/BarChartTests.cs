using AngleSharp.Html.Parser;
using Zaitaku.Core.Statistics;
using Zaitaku.Web.Site.Charts;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>The server-drawn charts: accessible names, one labelled bar per figure, drawn from the editor's CSV.</summary>
public sealed class BarChartTests
{
    private const string Csv = """
        fiscal_year,fiscal_year_label,body,meetings,organizations,participants
        2024,R6,推進会議,1,11,30
        2024,R6,部会B,1,11,10
        2019,R1,推進会議,2,12,60
        2019,R1,部会A,1,10,
        """;

    private static AngleSharp.Dom.IElement Svg(BarChart chart) =>
        new HtmlParser().ParseDocument("<body>" + chart.Render()).QuerySelector("svg")!;

    [Fact]
    public void A_chart_is_an_image_named_by_its_title_and_described_from_the_data()
    {
        var years = ParticipationYear.From(CsvTable.Parse(Csv))!;
        var svg = Svg(StatisticsCharts.ParticipantsByYear(years));

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("chart-participants-by-year-title chart-participants-by-year-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("年度ごとの延べ参加者数（すべての会議の合計）", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("最も多いのは令和元年度の60人、令和6年度は40人です。", svg.QuerySelector("desc")!.TextContent);
        // Oldest year first, each bar with its figure written beside it.
        Assert.Equal(["令和元年度", "令和6年度"], svg.QuerySelectorAll("text.chart__label").Select(t => t.TextContent));
        Assert.Equal(["60人", "40人"], svg.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
        var widths = svg.QuerySelectorAll("rect.chart__bar").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(widths[0] * 40 / 60, widths[1], 0.5);
    }

    [Fact]
    public void The_body_chart_groups_by_body_council_first_and_leaves_out_missing_figures()
    {
        var years = ParticipationYear.From(CsvTable.Parse(Csv))!;
        var svg = Svg(StatisticsCharts.ParticipantsByBody(years));

        Assert.Equal(["推進会議", "部会B"], svg.QuerySelectorAll("text.chart__heading").Select(t => t.TextContent));
        Assert.Equal(["60人", "30人", "10人"], svg.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
    }

    [Fact]
    public void Indicators_show_on_a_percent_track_with_the_target_in_words()
    {
        var indicators = PlanIndicator.From(CsvTable.Parse("""
            number,indicator,unit,baseline_fiscal_year,baseline,target_fiscal_year,target,survey
            1,専門職の割合,%,2023,62.4,2026,増加,調査A
            2,<b>認知度</b>,%,2023,100,2026,維持,調査B
            """))!;
        var chart = StatisticsCharts.Indicators(indicators);
        var svg = Svg(chart);

        Assert.Equal("成果指標の令和5年度の値と目標", svg.QuerySelector("title")!.TextContent);
        Assert.Equal(["62.4％", "100％"], svg.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
        Assert.Equal(["令和8年度の目標：増加", "令和8年度の目標：維持"], svg.QuerySelectorAll("text.chart__note").Select(t => t.TextContent));
        Assert.Equal(2, svg.QuerySelectorAll("rect.chart__track").Length);
        // An editor's text is text, never markup.
        Assert.DoesNotContain("<b>", chart.Render());
        Assert.Contains("2．<b>認知度</b>", svg.QuerySelectorAll("text.chart__label").Select(t => t.TextContent));
    }

    [Fact]
    public void For_larger_text_the_drawing_is_narrower_so_its_text_grows_with_the_page()
    {
        var years = ParticipationYear.From(CsvTable.Parse(Csv))!;
        var chart = StatisticsCharts.ParticipantsByBody(years);
        static double ViewWidth(AngleSharp.Dom.IElement svg) =>
            double.Parse(svg.GetAttribute("viewBox")!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        static double Number(AngleSharp.Dom.IElement e, string name) =>
            double.Parse(e.GetAttribute(name)!, System.Globalization.CultureInfo.InvariantCulture);

        var standard = Svg(chart);
        var large = new HtmlParser().ParseDocument("<body>" + chart.Render(textScale: 1.5)).QuerySelector("svg")!;

        // Shown in the same box, text 16 units high comes out 1.5 times as large.
        Assert.Equal(360, ViewWidth(standard));
        Assert.Equal(240, ViewWidth(large));
        Assert.Equal(standard.GetAttribute("font-size"), large.GetAttribute("font-size"));
        // Every figure is still drawn, and nothing is drawn past the narrower edge.
        Assert.Equal(standard.QuerySelectorAll("text.chart__value").Select(t => t.TextContent), large.QuerySelectorAll("text.chart__value").Select(t => t.TextContent));
        Assert.All(large.QuerySelectorAll("text.chart__value"), t =>
            Assert.True(Number(t, "x") + BarChart.TextWidth(t.TextContent) <= 240, $"{t.TextContent} runs past the edge"));
        // The bars keep their room: the longest is at least 40% of the narrower drawing.
        Assert.True(large.QuerySelectorAll("rect.chart__bar").Max(r => Number(r, "width")) >= 240 * 0.4);

        // Labels too long to leave the bars that room move above them.
        var activities = ActivityIndicator.From(CsvTable.Parse("""
            area,indicator,unit,2023,2024,2025,2026
            体制,推進会議の開催数,回,8,7,7,8
            """))!;
        var activity = ActivityCharts.BaselineToTarget(activities)[0];
        Assert.All(Svg(activity).QuerySelectorAll("rect.chart__bar"), r => Assert.True(Number(r, "x") > 0));
        var activityLarge = new HtmlParser().ParseDocument("<body>" + activity.Render(textScale: 1.5)).QuerySelector("svg")!;
        Assert.All(activityLarge.QuerySelectorAll("rect.chart__bar"), r => Assert.Equal(0, Number(r, "x")));
    }

    [Fact]
    public void A_long_label_wraps_within_the_drawing()
    {
        var lines = BarChart.Wrap(new string('あ', 50), BarChart.Width).ToList();
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(BarChart.TextWidth(l) <= BarChart.Width));
        Assert.Equal(new string('あ', 50), string.Concat(lines));

        // A comma never starts a line: the character before it moves down with it.
        var label = new string('あ', 22) + "、" + new string('い', 10);
        var wrapped = BarChart.Wrap(label, BarChart.Width).ToList();
        Assert.Equal(label, string.Concat(wrapped));
        Assert.All(wrapped, l => Assert.False(l.StartsWith('、'), $"a line starts with 、: {l}"));
    }
}
