using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

public static class SiteSetup
{
    public const string ContentCachePolicy = "content";

    public static IServiceCollection AddZaitakuSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllersWithViews(o =>
        {
            // A value that cannot be read at all (a hand-made request, mostly) is still explained in Japanese.
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, _) => $"「{value}」は正しい値ではありません。");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"「{value}」は正しい値ではありません。");
            m.SetUnknownValueIsInvalidAccessor(_ => "正しい値ではありません。");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "正しい値ではありません。");
            m.SetValueIsInvalidAccessor(value => $"「{value}」は正しい値ではありません。");
            m.SetValueMustBeANumberAccessor(_ => "半角の数字で入力してください。");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "半角の数字で入力してください。");
            m.SetValueMustNotBeNullAccessor(_ => "入力してください。");
            m.SetMissingBindRequiredValueAccessor(_ => "入力してください。");
            m.SetMissingKeyOrValueAccessor(() => "入力してください。");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "送られた内容が空です。");
        });
        // Japanese text goes out as characters, not &#x...; escapes: a third of the bytes, and readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RazorViewEngineOptions>(o =>
        {
            // Views sit with their feature: Site/Columns/Column.cshtml, Site/Shared/_Layout.cshtml ...
            o.ViewLocationFormats.Clear();
            foreach (var folder in new[] { "Home", "Pages", "Columns", "Associations", "Consultation", "WatashiNote", "Search", "Errors", "Events", "Reading", "Shared" })
                o.ViewLocationFormats.Add($"/Site/{folder}/{{0}}.cshtml");
        });
        services.AddOutputCache(o =>
        {
            o.AddPolicy(ContentCachePolicy, p => p
                .Expire(TimeSpan.FromHours(1))
                // Only the column list reads the query; other keys must not multiply cache entries.
                .SetVaryByQuery(ColumnFilter.QueryKeys)
                // Pages are the same whatever Host a request names (absolute URLs come from PublicUrl),
                // so forged hosts must not each get their own copy of every page.
                .SetVaryByHost(false)
                // The reader's text size and colours: one entry per choice actually made, and every
                // visitor without the cookie shares the one default entry.
                .VaryByValue(context => new KeyValuePair<string, string>(
                    Display.DisplayPreferences.CookieName, Display.DisplayPreferences.From(context.Request).CookieValue))
                // ふりがな on or off: at most two entries per page and display choice.
                .VaryByValue(context => new KeyValuePair<string, string>(
                    Reading.FuriganaPreference.CookieName, Reading.FuriganaPreference.CacheValue(context.Request)))
                .Tag(OutputCacheTags.AllContent));
        });
        Reading.ReadingAidsSetup.AddZaitakuReadingAids(services);
        services.AddSingleton<SitePageFactory>();
        services.AddSingleton<Preview.PreviewLinks>();
        return services;
    }
}
