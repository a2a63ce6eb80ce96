using Microsoft.AspNetCore.Mvc.Razor;
using Zaitaku.Infrastructure.Forms;

namespace Zaitaku.Web.Forms;

public static class FormsSetup
{
    public static IServiceCollection AddZaitakuForms(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FormOptions>(configuration.GetSection("Zaitaku:Forms"));
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationFormats.Add("/Forms/{0}.cshtml"));
        services.AddSingleton<FormCatalog>();
        services.AddSingleton<FormGuard>();
        services.AddScoped<FormEntries>();
        services.AddScoped<FormSeedImporter>();
        return services;
    }
}
