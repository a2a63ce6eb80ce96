using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.ContentEditing;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// The site lives at its public address: the home page is assigned the public address's host as its domain ("Culture
/// and Hostnames"), so that with UseStrictDomainMatching (production) only requests for that host reach a page.
/// Checked at every start: an operator who changes the public address gets the new domain on the next start.
/// </summary>
public sealed class SiteDomain(
    PublicUrl publicUrl,
    Microsoft.Extensions.Options.IOptions<Umbraco.Cms.Core.Configuration.Models.WebRoutingSettings> routing,
    IDomainService domains,
    IContentService contentService,
    IRuntimeState runtimeState,
    IServerRoleAccessor serverRole,
    ILogger<SiteDomain> logger) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public const string Culture = "ja-JP";
    private static readonly Guid User = Constants.Security.SuperUserKey;

    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run || serverRole.CurrentServerRole == ServerRole.Subscriber) return;
        await EnsureDomainAsync();
    }

    /// <summary>
    /// With strict domain matching the home page carries the public address as its domain; without it (development,
    /// tests on 127.0.0.1) it carries none, since Umbraco would then route only the requests naming that host.
    /// </summary>
    private async Task EnsureDomainAsync()
    {
        var home = contentService.GetRootContent().FirstOrDefault(r => r.TemplateId is > 0);
        if (home is null) return;
        var wanted = routing.Value.UseStrictDomainMatching ? publicUrl.Address.Authority : null;
        var assigned = (await domains.GetAssignedDomainsAsync(home.Key, includeWildcards: false)).ToList();
        if (wanted is null ? assigned.Count == 0
            : assigned.Count == 1 && string.Equals(assigned[0].DomainName.TrimEnd('/'), wanted, StringComparison.OrdinalIgnoreCase)) return;
        var result = await domains.UpdateDomainsAsync(home.Key, new DomainsUpdateModel
        {
            DefaultIsoCode = Culture,
            Domains = wanted is null ? [] : [new DomainModel { DomainName = wanted, IsoCode = Culture }],
        });
        if (!result.Success) throw new InvalidOperationException($"ホームに公開アドレスのドメイン {wanted} を設定できません（{result.Status}）");
        logger.LogInformation("The home page's domain is now {Domain}", wanted ?? "(none)");
    }
}
