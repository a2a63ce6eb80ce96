namespace Zaitaku.Core.Content;

/// <summary>
/// An address a published page used to have (Umbraco's RedirectUrl). It names the page by key, not
/// by its new address, so a page renamed twice still sends its first address straight to the third.
/// </summary>
public class RedirectUrl
{
    public int Id { get; set; }
    /// <summary>The old path in the snapshot's form: "/columns/2024-12-15/".</summary>
    public string Url { get; set; } = "";
    public Guid ContentKey { get; set; }
    public DateTime CreatedUtc { get; set; }
}
