using System.Text.Json;
using AngleSharp.Html.Parser;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>The open data files and the オープンデータ page, read by Python's csv and json and by rdflib.</summary>
public sealed class OpenDataTests(SharedSite site) : IClassFixture<SharedSite>
{
    public static TheoryData<string> Datasets => new() { "participation", "indicators", "consultation-windows" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Each_csv_is_utf8_with_bom_and_even_rows_and_its_json_holds_the_same_records(string slug)
    {
        var csvResponse = await site.Client.GetAsync($"/opendata/{slug}.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", csvResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var csv = await ExternalValidator.RunAsync("csv", await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.True(csv.GetProperty("bom").GetBoolean(), "Excel needs the BOM to read UTF-8");
        Assert.True(csv.GetProperty("crlf").GetBoolean());
        Assert.Single(csv.GetProperty("widths").EnumerateArray());
        var header = csv.GetProperty("header").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal("全国地方公共団体コード", header[0]);
        var rows = csv.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("292036", r[0].GetString()));

        var jsonResponse = await site.Client.GetAsync($"/opendata/{slug}.json");
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/deed.ja", json.RootElement.GetProperty("license").GetString());
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(rows.Count, records.Count);
        Assert.Equal(header, records[0].EnumerateObject().Select(p => p.Name).ToList());
    }

    [Fact]
    public async Task Participation_has_every_row_of_the_statistics_page_with_numbers_as_numbers()
    {
        using var json = JsonDocument.Parse(await site.Client.GetStringAsync("/opendata/participation.json"));
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(42, records.Count);
        var c2017 = records.Single(r => r.GetProperty("年度").GetInt32() == 2017 && r.GetProperty("会議名").GetString() == "部会C");
        Assert.Equal(358, c2017.GetProperty("延べ参加者数").GetInt32());
        Assert.Equal(6, c2017.GetProperty("実施回数").GetInt32());
    }

    [Fact]
    public async Task Indicators_keep_the_baseline_and_the_target_in_words()
    {
        var csv = await ExternalValidator.RunAsync("csv", await site.Client.GetByteArrayAsync("/opendata/indicators.csv"));
        var rows = csv.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        // The 6 outcome indicators, then the 9 activity indicators (ActivityIndicatorChartTests).
        Assert.Equal(15, rows.Count);
        Assert.Equal(["1", "医療と介護の連携が図れていると考える専門職の割合", "%", "2023", "62.4", "2026", "増加"], rows[0].Skip(2).Take(7));
    }

    [Fact]
    public async Task Sample_contact_details_stay_marked_as_samples()
    {
        var csv = await ExternalValidator.RunAsync("csv", await site.Client.GetByteArrayAsync("/opendata/consultation-windows.csv"));
        var header = csv.GetProperty("header").EnumerateArray().Select(h => h.GetString()!).ToList();
        var rows = csv.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("（サンプル）", r[header.IndexOf("電話番号")]));
        Assert.All(rows, r => Assert.Contains("サンプル", r[header.IndexOf("備考")]));
        Assert.All(rows, r => Assert.StartsWith(SiteFactory.TestPublicUrl + "/soudan/", r[header.IndexOf("URL")]));
    }

    [Fact]
    public async Task The_data_page_states_each_files_format_and_real_size_and_the_licence()
    {
        var html = await site.Client.GetStringAsync("/opendata/");
        var document = new HtmlParser().ParseDocument(html);
        var links = document.QuerySelectorAll(".dataset__files a").ToList();
        Assert.Equal(6, links.Count);
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            var length = (await site.Client.GetByteArrayAsync(href)).Length;
            var format = href.EndsWith(".csv", StringComparison.Ordinal) ? "CSV" : "JSON";
            Assert.Contains($"（{format}：{MediaText.FormatSize(length)}）", link.TextContent);
        }
        Assert.Contains("CC BY 4.0", document.QuerySelector("a[rel=license]")!.TextContent);
        Assert.Contains("（サンプル）", Html.Text(html));
        // The footer of every page leads here.
        Assert.Contains("href=\"/opendata/\"", await site.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_catalogue_is_dcat_that_rdflib_reads_with_true_download_sizes()
    {
        var html = await site.Client.GetStringAsync("/opendata/");
        var script = new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']")
            .Single(s => s.TextContent.Contains("dcat:Catalog", StringComparison.Ordinal));
        var dcat = await ExternalValidator.RunAsync("dcat", System.Text.Encoding.UTF8.GetBytes(script.TextContent));

        Assert.Equal(1, dcat.GetProperty("catalogs").GetInt32());
        var datasets = dcat.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(3, datasets.Count);
        foreach (var dataset in datasets)
        {
            Assert.True(dataset.GetProperty("inCatalog").GetBoolean());
            Assert.Equal("https://creativecommons.org/licenses/by/4.0/deed.ja", dataset.GetProperty("license").GetString());
            var distributions = dataset.GetProperty("distributions").EnumerateArray().ToList();
            Assert.Equal(2, distributions.Count);
            foreach (var d in distributions)
            {
                var url = d.GetProperty("downloadURL").GetString()!;
                Assert.StartsWith(SiteFactory.TestPublicUrl + "/opendata/", url);
                var bytes = await site.Client.GetByteArrayAsync(url[SiteFactory.TestPublicUrl.Length..]);
                Assert.Equal(bytes.Length, d.GetProperty("byteSize").GetInt32());
            }
        }
    }

    [Theory]
    [InlineData("/opendata/nothing.csv")]
    [InlineData("/opendata/participation.xlsx")]
    public async Task An_unknown_file_is_a_japanese_404(string url)
    {
        var response = await site.Client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", Html.Text(await response.Content.ReadAsStringAsync()));
    }
}
