using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Resilience;

/// <summary>
/// PostgreSQL stops while the site runs, then comes back. The shared test cluster is used by other
/// tests, so this one starts a throwaway cluster of its own (initdb, pg_ctl as the postgres user).
/// </summary>
public sealed class PostgreSqlOutageTests
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private const string Acp = "ACP講演会（サンプル）参加申込";

    [PostgreSqlClusterFact]
    public async Task Pages_keep_being_served_while_PostgreSQL_is_stopped_sign_ups_answer_503_with_the_text_and_it_recovers_by_itself()
    {
        using var cluster = await ThrowawayCluster.StartAsync();
        using var factory = new SiteFactory()
            .WithSetting("Zaitaku:Database:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:Zaitaku", $"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=zaitaku;Timeout=3")
            .WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        var person = new FormFiller(new BackofficeClient(factory).Http);
        var signUp = await person.FillAsync("/acp/kouenkai/", Acp,
            ("お名前", "郡山 太郎"), ("電話番号", "0743-00-5678"), ("メールアドレス", "taro@example.jp"),
            ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"));
        var reader = factory.CreatePlainClient();

        cluster.Stop();
        foreach (var url in new[] { "/", "/columns/2025-01-10/", "/acp/kouenkai/", "/soudan/" })
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
        var refused = await person.SendAsync(signUp);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("ただいま受け付けができません", html);
        Assert.Contains("郡山 太郎", html);
        // The backoffice needs the database for everything, from the sign-in page on.
        var login = await new BackofficeClient(factory).Http.GetAsync("/umbraco/login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Contains("ただいま保存や受け付けができません", await login.Content.ReadAsStringAsync());

        cluster.Start();
        Assert.Equal(HttpStatusCode.SeeOther, (await person.SendAsync(signUp)).StatusCode);
    }

    private sealed class ThrowawayCluster : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "zaitaku-pg-" + Guid.NewGuid().ToString("N"));
        public int Port { get; } = FreePort();

        public static async Task<ThrowawayCluster> StartAsync()
        {
            var cluster = new ThrowawayCluster();
            Directory.CreateDirectory(cluster._folder);
            Run("chown", "-R", "postgres:postgres", cluster._folder);
            AsPostgres($"{PgBin}/initdb", "-D", Path.Combine(cluster._folder, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
            cluster.Start();
            AsPostgres($"{PgBin}/createdb", "-h", "127.0.0.1", "-p", cluster.Port.ToString(), "-U", "postgres", "zaitaku");
            await Task.CompletedTask;
            return cluster;
        }

        public void Start() => AsPostgres($"{PgBin}/pg_ctl", "-D", Path.Combine(_folder, "data"), "-w", "-l", Path.Combine(_folder, "log"),
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

        public void Stop() => AsPostgres($"{PgBin}/pg_ctl", "-D", Path.Combine(_folder, "data"), "-w", "-m", "fast", "stop");

        public void Dispose()
        {
            try { Stop(); } catch (InvalidOperationException) { }
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }

        private static void AsPostgres(string program, params string[] args) =>
            Run("runuser", ["-u", "postgres", "--", program, .. args]);

        private static void Run(string program, params string[] args)
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {error.Result}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>Needs root (to act as the postgres user) and PostgreSQL 15's server programs, as CI has.</summary>
public sealed class PostgreSqlClusterFactAttribute : FactAttribute
{
    public PostgreSqlClusterFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "自前の PostgreSQL クラスターを postgres ユーザーで起動するには root 権限が必要です。";
        else if (!File.Exists("/usr/lib/postgresql/15/bin/initdb")) Skip = "PostgreSQL 15 のサーバー（/usr/lib/postgresql/15/bin）がありません。";
    }
}
