using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Tells the person installing the site where to go first: when the site starts with no first administrator in the
/// environment, the console (and the log) shows the address of Umbraco's installer, and whether the backoffice will
/// only open over HTTPS.
/// </summary>
public sealed class InstallNotice(IRuntimeState runtimeState, IServer server, IHostEnvironment environment,
    IOptions<GlobalSettings> globalSettings, ILogger<InstallNotice> logger) : INotificationHandler<UmbracoApplicationStartedNotification>
{
    public void Handle(UmbracoApplicationStartedNotification notification)
    {
        if (runtimeState.Level != RuntimeLevel.Install) return;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var line in Lines(addresses, globalSettings.Value.UseHttps, environment.IsDevelopment()))
            logger.LogWarning("{Notice}", line);
    }

    /// <summary>The lines to show, from the addresses the server listens on.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string> listening, bool useHttps, bool isDevelopment)
    {
        var addresses = listening.Select(Browsable).ToList();
        // The backoffice answers only over HTTPS when UseHttps is on, so point there first.
        var best = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        var lines = new List<string>
        {
            best is null
                ? "まだ管理者がいません。ブラウザーでこのサイトの /umbraco/install を開き、最初の管理者を登録してください。"
                : $"まだ管理者がいません。ブラウザーで {best.TrimEnd('/')}/umbraco/install を開き、最初の管理者を登録してください。",
            "（自動で入れるには、環境変数 Umbraco__CMS__Unattended__UnattendedUserName・UnattendedUserEmail・UnattendedUserPassword を設定して起動します。README を参照）",
        };
        if (useHttps && !isDevelopment)
            lines.Add("バックオフィス（/umbraco）は HTTPS でだけ開けます。HTTPS のアドレスで開くか、前に置いたサーバー（IIS、nginx）で HTTPS を設定してください。");
        return lines;
    }

    /// <summary>"http://[::]:80" or "http://+:80" is where the server listens, not an address to type: name the local machine.</summary>
    private static string Browsable(string address) =>
        System.Text.RegularExpressions.Regex.Replace(address, @"^(https?://)(\[::\]|\+|\*|0\.0\.0\.0)(?=[:/]|$)", "$1localhost");
}
