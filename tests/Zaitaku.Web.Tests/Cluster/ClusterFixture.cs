using System.Diagnostics;
using System.Net;
using Npgsql;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>
/// A cluster as a city would run it, on 127.0.0.1: one PostgreSQL database (tests/run.sh's server),
/// a redis-server, three nodes (the built Zaitaku.Web.dll, each with its own data folder and search
/// index, media in one shared folder) and nginx in front with the shipped
/// deploy/nginx/zaitaku-locations.conf. Every port is chosen free at run time.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "zaitaku-tests", "cluster-" + Guid.NewGuid().ToString("N"));
    private readonly string _database = "zaitaku_cluster_" + Guid.NewGuid().ToString("N");
    private Process? _redis;
    private Process? _nginx;

    public int RedisPort { get; } = SiteProcess.FreePort();
    public int NginxPort { get; } = SiteProcess.FreePort();
    public int[] NodePorts { get; } = [SiteProcess.FreePort(), SiteProcess.FreePort(), SiteProcess.FreePort()];
    public List<SiteProcess> Nodes { get; } = [];
    public Uri Nginx => new($"http://127.0.0.1:{NginxPort}/");

    private string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = _database }.ConnectionString;

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("ZAITAKU_TEST_PG")
        ?? throw new InvalidOperationException("ZAITAKU_TEST_PG がありません。テストは README のコマンド（bash tests/run.sh）で実行してください。");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "media"));
        StartRedis();
        var environment = new Dictionary<string, string>
        {
            ["Zaitaku__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Zaitaku"] = ConnectionString,
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{RedisPort},connectTimeout=1000,syncTimeout=1000",
            ["Zaitaku__Media__Folder"] = Path.Combine(_folder, "media"),
            ["Zaitaku__Cluster__KnownProxies__0"] = "127.0.0.1",
            // Four failures close an address for the lockout period: a state that lasts, where the short waits before it depend on timing.
            ["Zaitaku__Backoffice__SignInFailuresPerAddress"] = "4",
        };
        // The first node makes the schema and imports the seed; the others start on what it made.
        foreach (var port in NodePorts)
        {
            var node = new SiteProcess(environment);
            Nodes.Add(node);
            await node.StartAsync(port: port);
        }
        StartNginx();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) node.Dispose();
        Stop(_nginx);
        Stop(_redis);
        await using (var connection = new NpgsqlConnection(ServerConnectionString()))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>redis-server in the foreground, without persistence: what the site keeps there is rebuilt by itself.</summary>
    public void StartRedis()
    {
        _redis = Start("redis-server", "--port", RedisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        WaitForPort(RedisPort);
    }

    /// <summary>One value read from the cluster's database (for checks the pages do not show).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// PostgreSQL goes away for the nodes as in a server shutdown: every session on the cluster's database
    /// is ended (the nodes see 57P01, admin shutdown, as from a stopping server) and new connections are
    /// refused (53300). The server itself stays up, because other tests share it.
    /// </summary>
    public Task StopPostgreSqlAsync() => OnServerAsync(
        $"ALTER DATABASE \"{_database}\" CONNECTION LIMIT 0",
        $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND pid <> pg_backend_pid()");

    public Task StartPostgreSqlAsync() => OnServerAsync($"ALTER DATABASE \"{_database}\" CONNECTION LIMIT -1");

    private static async Task OnServerAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public void StopRedis()
    {
        Stop(_redis);
        _redis = null;
    }

    private void StartNginx()
    {
        var prefix = Path.Combine(_folder, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "cache"));
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var locations = RepositoryFile("deploy/nginx/zaitaku-locations.conf");
        var servers = string.Join("\n", NodePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
        // The http block of deploy/nginx/zaitaku.conf with this run's ports and folders; the locations are the shipped file.
        var config = $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_temp;
                proxy_temp_path {{prefix}}/proxy_temp;
                fastcgi_temp_path {{prefix}}/fastcgi_temp;
                uwsgi_temp_path {{prefix}}/uwsgi_temp;
                scgi_temp_path {{prefix}}/scgi_temp;
                upstream zaitaku {
                    least_conn;
            {{servers}}
                    keepalive 32;
                }
                map $http_cookie $zaitaku_display {
                    default "";
                    "~(?:^|;\s*)zaitaku-display=(?<display>[^;]*)" $display;
                }
                proxy_cache_path {{prefix}}/cache levels=1:2 keys_zone=zaitaku_pages:10m max_size=64m inactive=10m use_temp_path=off;
                server {
                    listen 127.0.0.1:{{NginxPort}};
                    include {{locations}};
                }
            }
            """;
        var file = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(file, config);
        _nginx = Start("nginx", "-p", prefix, "-c", file, "-g", "daemon off;");
        WaitForPort(NginxPort);
    }

    private static Process Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process? process)
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { Thread.Sleep(50); }
        }
        throw new TimeoutException($"Nothing listens on port {port}");
    }

    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Zaitaku.Web.sln"))) return Path.Combine(dir.FullName, relative);
        throw new DirectoryNotFoundException("Zaitaku.Web.sln not found above the test folder");
    }
}

/// <summary>Skipped, saying why, where the cluster's servers are not installed (tests/run.sh installs them).</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        foreach (var program in new[] { "/usr/bin/redis-server", "/usr/sbin/nginx", "/usr/bin/wrk" })
            if (!File.Exists(program)) { Skip = $"{program} がありません。tests/run.sh が apt でインストールします。"; return; }
    }
}
