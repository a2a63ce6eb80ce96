using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.ServiceAreas;

namespace Zaitaku.Web.Site.Consultation;

/// <summary>
/// The published 担当地域 (<c>serviceArea</c> nodes, each a 地域包括支援センター with its 町名) under the 相談窓口 pages,
/// for the area finder (<see cref="ServiceAreaFinder"/> does the finding).
/// </summary>
public static class ServiceAreas
{
    public const string AreaType = "serviceArea";

    /// <summary>Every published area of the site, in the order of their windows and then their own.</summary>
    public static IReadOnlyList<ServiceArea<IPublishedContent>> Of(IPublishedContent home) =>
        home.DescendantsOfType(AreaType)
            .Where(c => c.Parent() is { TemplateId: > 0 })
            .OrderBy(c => c.Parent()!.SortOrder).ThenBy(c => c.SortOrder)
            .Select(c => new ServiceArea<IPublishedContent>(c, ServiceAreaFinder.ParseTowns(c.Text("towns"))))
            .ToList();

    /// <summary>The areas a 相談窓口 (地域包括支援センター) holds.</summary>
    public static IReadOnlyList<ServiceArea<IPublishedContent>> Under(IPublishedContent home, IPublishedContent window) =>
        Of(home).Where(a => a.Center.Parent()?.Key == window.Key).ToList();
}
