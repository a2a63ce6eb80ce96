using Zaitaku.Web.Hosting;

// The site on Umbraco CMS 18: Umbraco is the engine, the backoffice, the media library and the Delivery API;
// everything of ours is registered by one composer per feature (each feature folder's *Composer.cs).
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// What Umbraco writes into its configuration at run time goes to umbraco/Data, never into appsettings.json.
var localSettings = LocalSettings.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
// With the first administrator in the environment, install unattended on embedded SQLite (README).
builder.Configuration.AddUnattendedInstall();

builder.CreateUmbracoBuilder()
    .AddBackOffice()
    .AddWebsite()
    .AddDeliveryApi()
    .AddComposers()
    .SetLocalSettings(localSettings)
    .Build();

WebApplication app = builder.Build();

await app.BootUmbracoAsync();

app.UseUmbraco()
    .WithMiddleware(u =>
    {
        u.UseBackOffice();
        u.UseWebsite();
    })
    .WithEndpoints(u =>
    {
        u.UseBackOfficeEndpoints();
        u.UseWebsiteEndpoints();
    });

await app.RunAsync();

/// <summary>The entry point, named so that tests can host the site (WebApplicationFactory).</summary>
public partial class Program;
