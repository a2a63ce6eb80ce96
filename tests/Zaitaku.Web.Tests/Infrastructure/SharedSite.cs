namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>One seeded site shared by the read-only tests of a class.</summary>
public sealed class SharedSite : IDisposable
{
    public SiteFactory Factory { get; } = new();
    public HttpClient Client { get; }

    public SharedSite() => Client = Factory.CreatePlainClient();

    public void Dispose() => Factory.Dispose();
}
