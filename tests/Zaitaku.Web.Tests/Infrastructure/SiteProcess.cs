using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// The site as its own process (the built Zaitaku.Web.dll, started with `dotnet` as in production), on
/// a data folder that outlives it, so a test can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    public const string AdminEmail = "admin@example.jp";
    public const string AdminPassword = "kanrisha no nagai pasuwado";

    private Process? _process;
    private readonly Queue<string> _output = new();
    private readonly Dictionary<string, string> _environment;

    public SiteProcess(IDictionary<string, string>? environment = null)
    {
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Zaitaku__DataFolder"] = DataFolder,
            // Outside Development the site will not start without its public address (links in mail).
            ["Zaitaku__Site__PublicUrl"] = "http://127.0.0.1",
            ["Zaitaku__Backoffice__RequireHttps"] = "false",
            ["Zaitaku__Backoffice__Unattended__Email"] = AdminEmail,
            ["Zaitaku__Backoffice__Unattended__Password"] = AdminPassword,
            ["Zaitaku__Forms__SubmissionsPerAddress"] = "1000000",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "zaitaku-tests", "process-" + Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(DataFolder, "zaitaku.db");
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public int? ProcessId => _process?.Id;

    /// <summary>The last lines the site wrote, for a failure message.</summary>
    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Starts the site and waits until it serves the home page.</summary>
    /// <param name="port">A port to listen on (a restart behind a load balancer keeps its address); a free one if none.</param>
    public async Task StartAsync(TimeSpan? timeout = null, int? port = null)
    {
        port ??= FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Zaitaku.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(300));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The site stopped at start ({_process.ExitCode}):\n{RecentOutput}");
            try
            {
                if ((await http.GetAsync("/")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The site did not answer within the time allowed:\n{RecentOutput}");
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(); // SIGKILL on Unix
        _process.WaitForExit();
    }

    /// <summary>Stops the site as a service manager would (SIGTERM), letting it finish its work.</summary>
    public void Stop()
    {
        if (_process is null || _process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        if (!_process.WaitForExit(30_000)) Kill();
    }

    /// <summary>The resident set size of the site's process, in MB.</summary>
    public long ResidentMegabytes()
    {
        _process!.Refresh();
        return _process.WorkingSet64 / (1024 * 1024);
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public BackofficeClient NewClient() => new(BaseAddress);

    public async Task<BackofficeClient> SignInAsync()
    {
        var admin = NewClient();
        var response = await admin.LoginAsync(AdminEmail, AdminPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}\n{RecentOutput}");
        return admin;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200) _output.Dequeue();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
