using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// The Umbraco site as its own process (the built Zaitaku.Umbraco.dll, started with `dotnet` as in production) on a
/// content root of its own that outlives it: for what the shared in-process site cannot show — another configuration,
/// a restart, a first start without an administrator, a kill.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private Process? _process;
    private readonly List<string> _output = [];
    private readonly Dictionary<string, string> _environment;

    /// <param name="environment">Settings for this site, added to (or replacing) the defaults.</param>
    /// <param name="withAdministrator">Whether the first administrator is in the environment (an unattended install).</param>
    public SiteProcess(IDictionary<string, string>? environment = null, bool withAdministrator = true)
    {
        Directory.CreateDirectory(ContentRoot);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
            File.Copy(file, Path.Combine(ContentRoot, Path.GetFileName(file)), overwrite: true);
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // A Debug build cannot run in Umbraco's Production runtime mode; plain HTTP on loopback.
            ["Umbraco__CMS__Runtime__Mode"] = "Development",
            ["Umbraco__CMS__Global__UseHttps"] = "false",
            ["Umbraco__CMS__WebRouting__UseStrictDomainMatching"] = "false",
            ["Zaitaku__Site__PublicUrl"] = "http://127.0.0.1",
            ["AllowedHosts"] = "127.0.0.1;localhost",
        };
        if (withAdministrator)
        {
            _environment["Umbraco__CMS__Unattended__UnattendedUserName"] = "管理者";
            _environment["Umbraco__CMS__Unattended__UnattendedUserEmail"] = SiteFactory.AdminEmail;
            _environment["Umbraco__CMS__Unattended__UnattendedUserPassword"] = SiteFactory.AdminPassword;
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "zaitaku-umbraco-tests", "process-" + Guid.NewGuid().ToString("N"));
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What the site wrote to its console so far.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Starts the site and waits until <paramref name="readyPath"/> answers (any status but a refused connection).</summary>
    public async Task StartAsync(string readyPath = "/", TimeSpan? timeout = null)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ContentRoot,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(SiteBuildFolder, "Zaitaku.Umbraco.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(ContentRoot);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(300));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The site stopped at start ({_process.ExitCode}):\n{Output}");
            try
            {
                await http.GetAsync(readyPath);
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The site did not answer within the time allowed:\n{Output}");
    }

    /// <summary>
    /// The site's own build output: Umbraco scans every assembly beside it for its types, and beside the tests it would
    /// find (and fail to load) the test runner's.
    /// </summary>
    public static string SiteBuildFolder { get; } = Path.GetFullPath(AppContext.BaseDirectory.Replace(
        Path.Combine("tests", "Zaitaku.Umbraco.Tests"), Path.Combine("src", "Zaitaku.Umbraco")));

    public HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try { Directory.Delete(ContentRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
