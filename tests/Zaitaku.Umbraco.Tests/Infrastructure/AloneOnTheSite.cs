namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Tests that move the shared site's clock or change seeded content for a moment (and put it back): they run after
/// every other test, one at a time, so no other test reads the site while it is changed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneOnTheSite : ICollectionFixture<SharedSite>
{
    public const string Name = "alone on the shared site";
}
