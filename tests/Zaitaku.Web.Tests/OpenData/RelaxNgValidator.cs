using System.Diagnostics;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// Debian's jing (installed by tests/run.sh), a RELAX NG validator that reads the compact syntax:
/// checks a document against a schema kept beside the tests, such as RFC 4287's atom.rnc.
/// </summary>
public static class RelaxNgValidator
{
    public const string Jing = "/usr/bin/jing";

    /// <summary>jing's exit code and its findings (file:line:column: error: ...), empty when the document is valid.</summary>
    public static async Task<(int Exit, string Errors)> ValidateAsync(string compactSchema, byte[] document)
    {
        Assert.True(File.Exists(Jing), "jing is missing: tests/run.sh installs Debian's jing");
        var schema = Path.Combine(AppContext.BaseDirectory, "OpenData", compactSchema);
        var file = Path.Combine(Path.GetTempPath(), $"zaitaku-relaxng-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, document);
        try
        {
            var start = new ProcessStartInfo(Jing, ["-c", schema, file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("jing did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            // Debian's launcher warns about optional jars it did not find; those lines are not findings.
            var findings = (await output + await error).Split('\n')
                .Where(l => l.Length > 0 && !l.StartsWith("[warning]", StringComparison.Ordinal));
            return (process.ExitCode, string.Join('\n', findings));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
