namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>The seeded site, shared by every test class of this process (Umbraco runs once per process).</summary>
public sealed class SharedSite
{
    public SiteFactory Factory => SiteFactory.Shared;
    public HttpClient Client { get; } = SiteFactory.Shared.CreatePlainClient();
}
