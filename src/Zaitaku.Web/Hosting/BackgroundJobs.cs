using Microsoft.Extensions.DependencyInjection.Extensions;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Columns;
using Zaitaku.Web.Backoffice.Content;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Mail;
using Zaitaku.Web.Notifications;
using Zaitaku.Web.Operations.Backup;
using Zaitaku.Web.Site;
using Zaitaku.Web.Site.Media;
using Zaitaku.Web.Site.Reading;
using Zaitaku.Web.Site.Search;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Every background job of the site, in the order the host starts them. The host starts hosted
/// services one after another in the order they were registered, and waits for each one's start:
/// so this list is the start order, and no feature registers a job of its own.
/// </summary>
public static class BackgroundJobs
{
    public static readonly IReadOnlyList<Type> StartOrder =
    [
        // Before anything reads the database: uSync, the schema, the seed, the published cache and the
        // media library. Start-up waits for it, so every job below finds the site ready.
        typeof(SiteInitializer),
        // Keeps this node's caches in step with changes other nodes make: the database check always,
        // Redis pub/sub when configured (Notifications/NotificationSetup registers it only then).
        typeof(DatabaseChangeCheck),
        typeof(RedisNotifications),
        // The first administrator from configuration, then the console notice of where to install.
        typeof(UnattendedInstall),
        typeof(InstallNotice),
        // Editorial jobs: column reminders, and schedules that fell due while the site was down.
        typeof(ColumnReminders),
        typeof(ScheduledPublisher),
        // The mail outbox, download counts, the search index (which reads the filled published cache),
        // and form retention.
        typeof(MailSender),
        typeof(DownloadCounter),
        typeof(SearchIndexer),
        typeof(FormRetention),
        // Stored media files no row names (a crash between an upload's file and its row).
        typeof(OrphanedMediaSweep),
        // The daily backup (off unless configured), last: it copies what the jobs above keep.
        typeof(DailyBackup),
    ];

    /// <summary>Jobs that run only when their setup registered them (call this after the feature setups).</summary>
    public static readonly IReadOnlySet<Type> ConfiguredOnly = new HashSet<Type> { typeof(RedisNotifications) };

    public static IServiceCollection AddZaitakuBackgroundJobs(this IServiceCollection services)
    {
        foreach (var job in StartOrder)
        {
            // A job whose feature is switched off by configuration (Redis) was never registered by its setup.
            if (ConfiguredOnly.Contains(job) && !services.Any(d => d.ServiceType == job)) continue;
            // One instance per job, so a test (or the rebuild command) reaches the same one the host runs.
            services.TryAddSingleton(job);
            services.AddSingleton(sp => (IHostedService)sp.GetRequiredService(job));
        }
        return services;
    }
}
