// ふりがな benchmark (not a test): the seed's longest page, saved as HTML by furigana-bench.sh, given
// ruby the way the site does it (FuriganaHtml over MeCab through P/Invoke), first with an empty
// reading cache and then cached; and MeCab called in process against the `mecab` program.
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Web.Site.Reading;

var html = File.ReadAllText(args[0]);
var texts = Regex.Split(html, "<[^>]*>").Where(t => Zaitaku.Core.Reading.Kana.HasKanji(t)).Select(System.Net.WebUtility.HtmlDecode).ToList();
Console.WriteLine($"page: {html.Length:N0} characters of HTML, {texts.Count} text pieces with kanji ({texts.Sum(t => t.Length):N0} characters)");

static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }

var open = Stopwatch.StartNew();
using (var first = new Readings(null!, NullLogger<Readings>.Instance)) { }
Console.WriteLine($"MeCab open (library + IPA dictionary): {open.Elapsed.TotalMilliseconds:F1} ms");

var firstTimes = new List<double>();
for (var i = 0; i < 7; i++)
{
    using var readings = new Readings(null!, NullLogger<Readings>.Instance);
    var w = Stopwatch.StartNew();
    FuriganaHtml.Apply(html, readings.Annotate);
    firstTimes.Add(w.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"ruby for the page, reading cache empty (MeCab runs): median {Median(firstTimes):F2} ms of 7");

using (var readings = new Readings(null!, NullLogger<Readings>.Instance))
{
    FuriganaHtml.Apply(html, readings.Annotate);
    var cached = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var w = Stopwatch.StartNew();
        FuriganaHtml.Apply(html, readings.Annotate);
        cached.Add(w.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"ruby for the page, readings cached: median {Median(cached):F3} ms of 200");

    var tagger = MecabTagger.TryOpen(null, out _)!;
    var inProcess = new List<double>();
    for (var i = 0; i < 7; i++)
    {
        var w = Stopwatch.StartNew();
        foreach (var t in texts) tagger.Analyze(t);
        inProcess.Add(w.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"MeCab in process (P/Invoke), every text piece: median {Median(inProcess):F2} ms");

    var w2 = Stopwatch.StartNew();
    foreach (var t in texts) RunMecab(t);
    Console.WriteLine($"`mecab` program started once per text piece: {w2.Elapsed.TotalMilliseconds:F0} ms");
    var w3 = Stopwatch.StartNew();
    RunMecab(string.Join("\n", texts));
    Console.WriteLine($"`mecab` program once for the whole page's text: {w3.Elapsed.TotalMilliseconds:F1} ms");
    tagger.Dispose();
}

static void RunMecab(string text)
{
    var start = new ProcessStartInfo("mecab", ["-d", MecabTagger.DebianIpadic]) { RedirectStandardInput = true, RedirectStandardOutput = true };
    using var p = Process.Start(start)!;
    p.StandardInput.Write(text);
    p.StandardInput.Close();
    p.StandardOutput.ReadToEnd();
    p.WaitForExit();
}
