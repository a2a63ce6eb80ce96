using System.Diagnostics;
using System.Text.Json;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// Runs validate.py (feedparser, lxml, rdflib, Python's csv: Debian packages that tests/run.sh
/// installs) on a document and returns its findings.
/// </summary>
public static class ExternalValidator
{
    public const string Python = "/usr/bin/python3";

    public static async Task<JsonElement> RunAsync(string kind, byte[] document)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "OpenData", "validate.py");
        var start = new ProcessStartInfo(Python, [script, kind])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        await process.StandardInput.BaseStream.WriteAsync(document);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0,
            $"validate.py {kind} failed (tests/run.sh installs python3-feedparser, python3-lxml, python3-rdflib):\n{await error}");
        return JsonDocument.Parse(await output).RootElement;
    }
}
