using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Razor encodes every character outside Basic Latin as a numeric reference by default (「郡山」 as &amp;#x90E1;&amp;#x5C71;):
/// pages three times the size, and text that a person searching the page source cannot find. Japanese is let through
/// as it is; &lt;, &gt;, &amp; and quotes are still encoded.
/// </summary>
public sealed class HtmlEncodingComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
}
