using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Forms.Backoffice;

/// <summary>
/// Umbraco's administrators get the フォーム section once, on the first start with it, as they get Umbraco's own
/// sections; other groups get it when an administrator gives it to them in Users → User groups. Once: an administrator
/// who takes it away later is not overruled at the next start.
/// </summary>
public sealed class FormsSectionForAdministrators(
    IUserGroupService groups, IKeyValueService keyValues, IRuntimeState runtime, ILogger<FormsSectionForAdministrators> logger)
    : INotificationAsyncHandler<UmbracoApplicationStartedNotification>
{
    public async Task HandleAsync(UmbracoApplicationStartedNotification notification, CancellationToken cancellationToken)
    {
        const string Given = "Zaitaku.Forms.SectionGivenToAdministrators";
        if (runtime.Level != RuntimeLevel.Run || keyValues.GetValue(Given) is not null) return;
        if (await groups.GetAsync(Constants.Security.AdminGroupAlias) is { } admin && !admin.AllowedSections.Contains(FormsSection.Alias))
        {
            admin.AddAllowedSection(FormsSection.Alias);
            var saved = await groups.UpdateAsync(admin, Constants.Security.SuperUserKey);
            if (!saved.Success)
            {
                logger.LogWarning("The forms section was not given to the administrators: {Status}", saved.Status);
                return;
            }
        }
        keyValues.SetValue(Given, "1");
    }
}
