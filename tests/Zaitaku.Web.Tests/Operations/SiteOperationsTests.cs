using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>One site run as in production (its own process), with metrics on a port of their own.</summary>
public sealed class OperatedSite : IAsyncLifetime
{
    public int MetricsPort { get; } = FreePort();
    public SiteProcess Site { get; }

    public OperatedSite() => Site = new SiteProcess(new Dictionary<string, string> { ["Zaitaku__Metrics__Port"] = MetricsPort.ToString() });

    public Task InitializeAsync() => Site.StartAsync();

    public Task DisposeAsync()
    {
        Site.Dispose();
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// What the people who run the site rely on, tested as they would use it: the backup and restore
/// commands on a running site, the health endpoints, the Prometheus scrape (read by Prometheus's
/// own Python parser), the log viewer, and a log that never holds what residents typed.
/// </summary>
public sealed partial class SiteOperationsTests(OperatedSite operated) : IClassFixture<OperatedSite>
{
    private const string Enquiry = "事務局へのお問い合わせ";
    private SiteProcess Site => operated.Site;

    [GeneratedRegex("href=\"(/umbraco/logs\\?requestId=[^\"]+)\"")]
    private static partial Regex RequestLink();

    private Task<HttpResponseMessage> SubmitEnquiryAsync(string name, string email, string text) =>
        new FormFiller(Site.NewClient().Http).SubmitAsync("/contact/", Enquiry,
            ("お名前", name), ("メールアドレス", email), ("電話番号", "0743-55-0199"), ("お問い合わせの種類", "このサイトについて"),
            ("お問い合わせの内容", text), ("個人情報の取り扱い", "同意する"));

    [Fact]
    public async Task A_backup_of_the_running_site_restores_elsewhere_with_every_page_file_and_readable_form_entry()
    {
        var sent = await SubmitEnquiryAsync("復元 確認太郎", "restore-check@example.jp", "バックアップから戻したあとも読めるはずの文章 R7");
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);

        var archive = Path.Combine(Site.DataFolder, "..", "backup-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            // While the site keeps running: SQLite's online backup gives a consistent copy.
            var backup = await SiteCommand.RunAsync(Site.DataFolder, ["backup", archive]);
            Assert.True(backup.ExitCode == 0, backup.Output);
            Assert.Contains("バックアップを作成しました", backup.Output);

            // A truncated copy is refused and writes nothing.
            var truncated = archive + ".truncated.zip";
            var bytes = await File.ReadAllBytesAsync(archive);
            await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 2 / 3)]);
            using var refusedSite = new SiteProcess();
            var refused = await SiteCommand.RunAsync(refusedSite.DataFolder, ["restore", truncated]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("途中で切れています", refused.Output);
            Assert.False(File.Exists(refusedSite.DatabasePath));

            using var restored = new SiteProcess();
            var restore = await SiteCommand.RunAsync(restored.DataFolder, ["restore", archive]);
            Assert.True(restore.ExitCode == 0, restore.Output);
            await restored.StartAsync();

            await RestoredSite.AssertSamePagesAndFilesAsync(Site.BaseAddress, restored.BaseAddress);

            // The form entry, decrypted with the restored Data Protection keys.
            var admin = await restored.SignInAsync();
            int formId;
            using (var db = restored.OpenDatabase()) formId = Convert.ToInt32(SiteProcess.Scalar(db, $"SELECT Id FROM Form WHERE Name = '{Enquiry}'"));
            await RestoredSite.AssertEntryReadableAsync(admin, formId, "復元 確認太郎", "バックアップから戻したあとも読めるはずの文章 R7");
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(archive))!, Path.GetFileName(archive) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public async Task Health_answers_the_load_balancer_metrics_move_when_things_happen_and_no_typed_answer_reaches_the_log()
    {
        using var http = new HttpClient { BaseAddress = Site.BaseAddress };
        var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        JsonElement ready = default;
        for (var i = 0; i < 120; i++) // the search index is built after start
        {
            var answer = await http.GetAsync("/health/ready");
            ready = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            if (answer.StatusCode == HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            await Task.Delay(500);
        }
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["data-folder-space", "database", "mail-outbox", "search-index"],
            ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        // Metrics are not served on the site's own (public) port.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);

        var first = await ScrapeAsync();
        for (var i = 0; i < 3; i++) await http.GetStringAsync("/about/");
        const string name = "記録禁止 花子", email = "never-logged-7q@example.jp", text = "ログに残ってはいけない相談内容 Z9K4";
        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitEnquiryAsync(name, email, text)).StatusCode);
        // Missing answers: refused, and counted as such.
        var refused = await new FormFiller(Site.NewClient().Http).SubmitAsync("/contact/", Enquiry, ("お名前", name), ("お問い合わせの内容", text));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var second = await ScrapeAsync();

        Assert.True(Value(second, "zaitaku_output_cache_lookups_total", ("result", "hit")) - Value(first, "zaitaku_output_cache_lookups_total", ("result", "hit")) >= 2);
        Assert.Equal(1, Value(second, "zaitaku_forms_submissions_total", ("result", "accepted")) - Value(first, "zaitaku_forms_submissions_total", ("result", "accepted")));
        Assert.Equal(1, Value(second, "zaitaku_forms_submissions_total", ("result", "refused")) - Value(first, "zaitaku_forms_submissions_total", ("result", "refused")));
        // The enquiry notifies the secretariat; with no mail server configured it waits in the outbox.
        Assert.Equal(1, Value(second, "zaitaku_mail_outbox_depth") - Value(first, "zaitaku_mail_outbox_depth"));
        Assert.True(Sum(second, "http_server_request_duration_seconds_count") - Sum(first, "http_server_request_duration_seconds_count") >= 5);
        Assert.Equal(0, Value(second, "zaitaku_publish_lag_seconds"));
        Assert.True(Value(second, "zaitaku_search_index_documents") > 30);

        // The log viewer finds the submission's request, and follows it.
        var admin = await Site.SignInAsync();
        await Task.Delay(2500); // the log files are flushed every second
        var found = await admin.Http.GetStringAsync("/umbraco/logs?level=Information&text=" + Uri.EscapeDataString("POST /forms/"));
        Assert.Contains("responded 303", found);
        var follow = WebUtility.HtmlDecode(RequestLink().Match(found[found.IndexOf("responded 303", StringComparison.Ordinal)..]).Groups[1].Value);
        var requestLines = Html.Text(await admin.Http.GetStringAsync(follow));
        Assert.Contains("起きた順に表示しています", requestLines);
        Assert.Contains("responded 303", requestLines);
        await Task.Delay(2500); // the administrator's own requests above, with their name, reach the file
        var byUser = Html.Text(await admin.Http.GetStringAsync("/umbraco/logs?user=admin%40example.jp"));
        Assert.Contains("GET /umbraco/logs", byUser);
        Assert.Contains("admin@example.jp", byUser);
        var bad = await admin.GetAsync("/umbraco/logs?from=yesterday&text=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("条件の一部（いつから）が正しくないため", Html.Text(await bad.Content.ReadAsStringAsync()));

        // Nothing the resident typed is in any log file, in any form.
        var logs = Directory.GetFiles(Path.Combine(Site.DataFolder, "logs"));
        Assert.Contains(logs, f => f.EndsWith(".clef", StringComparison.Ordinal));
        Assert.Contains(logs, f => f.EndsWith(".log", StringComparison.Ordinal));
        foreach (var file in logs)
        {
            string content;
            using (var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))) content = await reader.ReadToEndAsync();
            Assert.Contains("/forms/", content); // the submission itself was logged, so the search below means something
            foreach (var typed in new[] { name, "記録禁止", email, "never-logged-7q", text, "Z9K4", "0743-55-0199" })
                Assert.False(content.Contains(typed, StringComparison.OrdinalIgnoreCase) || content.Contains(JsonEscaped(typed), StringComparison.OrdinalIgnoreCase),
                    $"{Path.GetFileName(file)} holds 「{typed}」");
        }
    }

    private static string JsonEscaped(string s) => JsonSerializer.Serialize(s).Trim('"');

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    /// <summary>Scrapes the metrics port and parses the answer with Prometheus's own Python client (Debian's python3-prometheus-client).</summary>
    private DateTime _lastScrape = DateTime.MinValue;

    private async Task<List<Sample>> ScrapeAsync()
    {
        // OpenTelemetry's Prometheus exporter answers a scrape within 300 ms of the last one from its
        // cache (ScrapeResponseCacheDurationMilliseconds): on a quick machine a second scrape right after
        // a few requests would show the same figures as the first.
        var wait = _lastScrape + TimeSpan.FromMilliseconds(400) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{operated.MetricsPort}/metrics");
        _lastScrape = DateTime.UtcNow;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            print(json.dumps([[s.name, s.labels, s.value] for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples]))
            """);
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(text);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, "prometheus_client could not parse the scrape: " + error);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().Select(s => new Sample(
            s[0].GetString()!, s[1].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), s[2].GetDouble())).ToList();
    }

    private static double Value(List<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    private static double Sum(List<Sample> samples, string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);
}
