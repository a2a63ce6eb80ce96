using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Zaitaku.Web.Backoffice;
using Zaitaku.Web.Backoffice.Accounts;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Tells the person installing the site where to go first: once the server listens, and while no
/// account exists, the console (and the log) shows the address of /umbraco/install, and whether the
/// backoffice will only open over HTTPS.
/// </summary>
public sealed class InstallNotice(IServiceProvider services, IServer server, IHostApplicationLifetime lifetime,
    IHostEnvironment environment, IOptions<BackofficeOptions> options, ILogger<InstallNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = TellAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task TellAsync()
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<InstallService>().IsInstalledAsync(lifetime.ApplicationStopping)) return;
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var line in Lines(addresses, options.Value.RequireHttps, environment.IsDevelopment()))
                logger.LogWarning("{Notice}", line);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A hint for the installer must never stop the site.
            logger.LogWarning(e, "Could not tell whether the backoffice is installed");
        }
    }

    /// <summary>The lines to show, from the addresses the server listens on.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string> listening, bool requireHttps, bool isDevelopment)
    {
        var addresses = listening.Select(Browsable).ToList();
        // The backoffice answers only over HTTPS when RequireHttps is on, so point there first.
        var best = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault();
        var lines = new List<string>
        {
            best is null
                ? "まだ管理者がいません。ブラウザーでこのサイトの /umbraco/install を開き、最初の管理者を登録してください。"
                : $"まだ管理者がいません。ブラウザーで {best.TrimEnd('/')}/umbraco/install を開き、最初の管理者を登録してください。",
        };
        if (requireHttps && !isDevelopment)
            lines.Add("バックオフィス（/umbraco）は HTTPS でだけ開けます。HTTPS のアドレスで開くか、前に置いたサーバー（IIS、nginx）で HTTPS を設定してください"
                + "（開発用の端末だけは Zaitaku__Backoffice__RequireHttps=false で HTTP を許可できます）。");
        return lines;
    }

    /// <summary>"http://[::]:80" or "http://+:80" is where the server listens, not an address to type: name the local machine.</summary>
    private static string Browsable(string address) =>
        System.Text.RegularExpressions.Regex.Replace(address, @"^(https?://)(\[::\]|\+|\*|0\.0\.0\.0)(?=[:/]|$)", "$1localhost");
}
