using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Dates;

namespace Zaitaku.Web.Site;

public sealed record Link(string Text, string Url);

/// <summary>What the layout needs on every page: title, navigation, breadcrumbs, お問い合わせ.</summary>
public class LayoutModel
{
    public required string SiteName { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<Link> Navigation { get; init; }
    /// <summary>From the home page down to the current page, which is last.</summary>
    public required IReadOnlyList<Link> Breadcrumbs { get; init; }
    public IPublishedContent? Contact { get; init; }
    public DateTime? UpdatedUtc { get; init; }
    public string? CurrentUrl { get; init; }
    /// <summary>Whether the page feedback form shows at the foot (not on pages that are themselves a form).</summary>
    public bool PageFeedback { get; init; } = true;

    public string? UpdatedText => UpdatedUtc is { } u ? JapaneseDates.FormatUtc(u) : null;
    public string? UpdatedIso => UpdatedUtc is { } u ? JapaneseDates.JapanDate(u).ToString("yyyy-MM-dd") : null;

    public bool IsCurrentSection(string url) =>
        CurrentUrl is not null && url != "/" && CurrentUrl.StartsWith(url, StringComparison.Ordinal);
}

/// <summary>A published page, ready for its template: the page itself and what the site around it says.</summary>
public sealed class SitePage : LayoutModel
{
    public required IPublishedContent Content { get; init; }
    /// <summary>The home page: the site's root.</summary>
    public required IPublishedContent Home { get; init; }
    /// <summary>サイト設定 (the siteSettings root), if published.</summary>
    public IPublishedContent? Settings { get; init; }
    /// <summary>Today in Japan, for "the current column" and similar.</summary>
    public required DateOnly Today { get; init; }
    /// <summary>Now, from the site's clock: whether an event has begun or ended.</summary>
    public DateTime NowUtc { get; init; }

    /// <summary>The form an editor placed on the page (our form picker), shown below the body.</summary>
    public Guid? PlacedForm => Guid.TryParse(Content.Text("form"), out var key) ? key : null;
}
