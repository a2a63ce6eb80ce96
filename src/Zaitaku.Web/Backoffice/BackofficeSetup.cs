using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice;

/// <summary>The backoffice at /umbraco, where Umbraco editors expect it: accounts, sessions, authorization.</summary>
public static class BackofficeSetup
{
    public const string BasePath = "/umbraco";
    public const string AdministratorsPolicy = "Administrators";
    public const string EditorsPolicy = "Editors";
    /// <summary>Reviewers and administrators: those who publish and look after the tree.</summary>
    public const string PublishersPolicy = "Publishers";

    public static IServiceCollection AddZaitakuBackoffice(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackofficeOptions>(configuration.GetSection("Zaitaku:Backoffice"));
        services.Configure<RazorViewEngineOptions>(o =>
        {
            foreach (var folder in new[] { "Accounts", "Content", "Media", "Columns", "Dashboard", "Users", "Audit", "Search", "Forms", "Shared", "DeliveryKeys" })
                o.ViewLocationFormats.Add($"/Backoffice/{folder}/{{0}}.cshtml");
        });

        services.AddIdentity<EditorUser, IdentityRole>(o =>
            {
                // OWASP ASVS 5.0: length, not composition; common passwords refused by CommonPasswordValidator.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<ZaitakuDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<JapaneseIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            // Replaces Identity's authenticator provider: codes are good once, with one step of drift.
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddSingleton<SignInGuard>();

        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore, IOptions<BackofficeOptions>, TimeProvider>((o, store, backoffice, clock) =>
            {
                o.SessionStore = store;
                o.TimeProvider = clock;
                o.ExpireTimeSpan = backoffice.Value.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = BasePath + "/login";
                o.LogoutPath = BasePath + "/logout";
                o.AccessDeniedPath = BasePath + "/denied";
                o.Cookie.Name = ".Zaitaku.Backoffice";
                ConfigureCookie(o.Cookie, backoffice.Value);
            });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IOptions<BackofficeOptions>>((o, backoffice) => ConfigureCookie(o.Cookie, backoffice.Value));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<BackofficeOptions>>((o, backoffice) =>
            {
                o.Cookie.Name = ".Zaitaku.Antiforgery";
                ConfigureCookie(o.Cookie, backoffice.Value);
                // Public forms (/forms/...) post with a token too, so the token's cookie covers the whole site,
                // and follows the request's scheme: "Always" would make a public page over plain HTTP throw.
                // The backoffice itself is HTTPS-only when RequireHttps is on, so its cookie is Secure there.
                o.Cookie.Path = "/";
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(AdministratorsPolicy, p => p.RequireRole(UserGroups.Administrators));
            o.AddPolicy(EditorsPolicy, p => p.RequireRole(UserGroups.All));
            o.AddPolicy(PublishersPolicy, p => p.RequireRole(Access.AssociationScopeHandler.SecretariatGroups));
        });
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Access.AssociationScopeHandler>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.AddScoped<InstallService>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<Content.ReviewNotices>();
        services.AddScoped<Columns.ColumnSlots>();
        services.AddScoped<Content.ReviewService>();
        services.AddScoped<Accounts.PeopleNames>();
        services.Configure<Columns.ColumnOptions>(configuration.GetSection("Zaitaku:Columns"));
        return services;
    }

    private static void ConfigureCookie(CookieBuilder cookie, BackofficeOptions options)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.Path = BasePath;
        cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    private const string HttpsRequiredPage = """
        <!DOCTYPE html>
        <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>HTTPS でご利用ください｜バックオフィス</title></head>
        <body><main><h1>バックオフィスは HTTPS でご利用ください</h1>
        <p>パスワードを守るため、バックオフィスは暗号化された接続（https://）でだけ使えます。アドレスが https:// で始まっているかご確認ください。</p>
        <p>サーバーの担当の方へ：HTTPS を設定してください。開発用の端末だけは、設定 Zaitaku__Backoffice__RequireHttps=false で HTTP を許可できます。</p>
        </main></body></html>
        """;

    /// <summary>Authentication runs for the backoffice only: public pages never read or set a cookie.</summary>
    public static WebApplication UseZaitakuBackoffice(this WebApplication app)
    {
        // The Delivery API under /umbraco/delivery is public and cookie-free, like the site (Delivery/DeliverySetup.cs).
        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath) && !c.Request.Path.StartsWithSegments(Delivery.DeliverySetup.BasePath), branch =>
        {
            branch.Use(async (context, next) =>
            {
                if (!context.Request.IsHttps && context.RequestServices.GetRequiredService<IOptions<BackofficeOptions>>().Value.RequireHttps)
                {
                    // Passwords and session cookies never cross the network in clear text.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(HttpsRequiredPage);
                    return;
                }
                // Backoffice pages are never cached by browsers or proxies.
                context.Response.Headers.CacheControl = "no-cache, no-store";
                context.Response.Headers.Pragma = "no-cache";
                await next();
            });
            branch.UseAuthentication();
            branch.UseAuthorization();
        });
        // WebApplication adds authentication and authorization in front of the whole pipeline when it
        // does not see them called, and it does not see calls inside UseWhen (dotnet/aspnetcore#48098):
        // every public page and image then ran the cookie handler for nothing (the cookie's path is
        // /umbraco). These are the keys UseAuthentication/UseAuthorization set to say they are in place.
        // An endpoint outside /umbraco that asked for authorization would fail (500), not open up.
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;
        return app;
    }
}
