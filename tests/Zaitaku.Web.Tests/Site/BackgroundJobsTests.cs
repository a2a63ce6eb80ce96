using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>The site's background jobs start in the order Hosting/BackgroundJobs.cs lists, the initializer first.</summary>
public sealed class BackgroundJobsTests(SharedSite site) : IClassFixture<SharedSite>
{
    [Fact]
    public void The_host_starts_the_sites_jobs_in_the_listed_order_with_the_initializer_first()
    {
        // The host starts hosted services in the order they are registered: a job registered anywhere
        // else (a feature's setup file) would show up here out of its place.
        var ours = site.Factory.Services.GetServices<IHostedService>()
            .Select(s => s.GetType()).Where(t => t.Namespace?.StartsWith("Zaitaku.", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(typeof(SiteInitializer), ours[0]);
        // Without Redis configured, its subscriber is the one job left out.
        Assert.Equal(BackgroundJobs.StartOrder.Where(t => !BackgroundJobs.ConfiguredOnly.Contains(t)), ours);
    }

    [Fact]
    public void Each_job_is_one_instance_that_tests_and_the_host_share()
    {
        var scheduler = site.Factory.Services.GetServices<IHostedService>().OfType<Zaitaku.Web.Backoffice.Content.ScheduledPublisher>().Single();

        Assert.Same(site.Factory.Services.GetRequiredService<Zaitaku.Web.Backoffice.Content.ScheduledPublisher>(), scheduler);
    }
}
