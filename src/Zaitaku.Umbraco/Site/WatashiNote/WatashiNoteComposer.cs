using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;

namespace Zaitaku.Web.Site.WatashiNote;

/// <summary>わたしノート: its downloads with their type, size and pages.</summary>
public sealed class WatashiNoteComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton<DownloadFiles>();
        builder.AddNotificationHandler<MediaCacheRefresherNotification, ForgetDownloadFilesOnMediaChange>();
        builder.Services.AddSingleton<Umbraco.Cms.Core.Cache.IWebsiteOutputCacheTagProvider, DownloadCacheTags>();
    }
}
