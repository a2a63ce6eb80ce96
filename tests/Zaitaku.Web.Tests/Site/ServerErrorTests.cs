using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zaitaku.Core.Publishing;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>When something fails inside, a resident sees a Japanese apology with the status 500, never a stack trace.</summary>
public sealed class ServerErrorTests
{
    private sealed class BrokenCache : IPublishedCache
    {
        public PublishedSnapshot Current => throw new InvalidOperationException("cache is broken (test)");
        public Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public string? LoadedFrom => null;
    }

    private sealed class BrokenSiteFactory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPublishedCache>();
                services.AddSingleton<IPublishedCache, BrokenCache>();
            });
        }
    }

    [Fact]
    public async Task A_failure_inside_gives_the_japanese_500_page()
    {
        using var factory = new BrokenSiteFactory();
        var response = await factory.CreatePlainClient().GetAsync("/columns/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>ただいまページを表示できません</h1>", html);
        Assert.Contains("お問い合わせ", html);
        Assert.DoesNotContain("cache is broken", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }
}
