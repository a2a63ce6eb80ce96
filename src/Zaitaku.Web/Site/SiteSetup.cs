using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Serilog;
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
            foreach (var folder in new[] { "Home", "Pages", "Columns", "Associations", "Consultation", "WatashiNote", "Reading", "Search", "Errors", "Shared" })
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
                .Tag(OutputCacheTags.AllContent));
        });
        services.AddSingleton<IContentChangeHandler, OutputCacheEviction>();
        Reading.ReadingSetup.AddZaitakuReading(services);
        services.AddSingleton<SitePageFactory>();
        services.AddSingleton<Preview.PreviewLinks>();
        // Keys live in the data folder, so sign-ins, forms and preview links survive a restart.
        var protection = services.AddDataProtection().SetApplicationName("Zaitaku.Web");
        // The keys decrypt form entries and sign-in cookies: with a certificate configured they are
        // stored encrypted; on Windows, DPAPI does it. Never in clear text beside the database if avoidable.
        if (KeyProtectionCertificate.Load(configuration) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        else if (OperatingSystem.IsWindows())
            protection.ProtectKeysWithDpapi(protectToLocalMachine: true);
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IOptions<ZaitakuOptions>, ILoggerFactory>((o, zaitaku, loggers) =>
                o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(zaitaku.Value.ResolvedDataFolder, "keys")), loggers));
        services.AddSingleton<PublishedCacheSync>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishedCacheSync>());
        return services;
    }

    public static WebApplication UseZaitakuSite(this WebApplication app)
    {
        app.UseExceptionHandler("/error/500");
        app.Use(HttpsOnly(app.Services.GetRequiredService<Hosting.PublicUrl>(),
            app.Services.GetRequiredService<IOptions<Backoffice.BackofficeOptions>>().Value.RequireHttps));
        Media.MediaSetup.UseZaitakuMediaFromMemory(app);
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((context, next) =>
        {
            AddSecurityHeaders(context);
            return next();
        });
        // The site's own logger (not the static bootstrap one) writes the request log.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = RequestLogLevels.For;
        });
        // Media addresses are never files in wwwroot: asking the file system anyway cost a stat per
        // image request, about a tenth of serving a cached derivative (README, Benchmarks).
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(Media.MediaSetup.BasePath), branch => branch.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
        }));
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// With RequireHttps on and an https:// public address, a plain-HTTP request is sent to the same
    /// path at the public address (never at the Host it named), and HTTPS answers carry HSTS, so a
    /// browser that has been here once never tries plain HTTP again.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> HttpsOnly(Hosting.PublicUrl site, bool requireHttps) => (context, next) =>
    {
        if (!requireHttps || !site.IsHttps) return next(context);
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        }
        var request = context.Request;
        context.Response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status301MovedPermanently : StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = site.Absolute((request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        return Task.CompletedTask;
    };

    public static void AddSecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }
}

/// <summary>The certificate from Zaitaku:KeyProtection (see <see cref="ZaitakuOptions.KeyProtectionOptions"/>), if configured.</summary>
public static class KeyProtectionCertificate
{
    public static System.Security.Cryptography.X509Certificates.X509Certificate2? Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Zaitaku:KeyProtection");
        return section["CertificatePath"] is { Length: > 0 } path
            ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path), section["CertificatePassword"])
            : null;
    }
}
