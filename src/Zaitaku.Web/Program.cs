using Microsoft.Extensions.Options;
using Serilog;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Publishing;
using Zaitaku.Infrastructure.Seed;
using Zaitaku.Infrastructure.USync;
using Zaitaku.Web;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Backoffice;
using Zaitaku.Web.Mail;
using Zaitaku.Web.Delivery;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Notifications;
using Zaitaku.Web.Cluster;
using Zaitaku.Web.Site.Media;
using Zaitaku.Web.Site;
using Zaitaku.Web.Site.Search;
using Zaitaku.Web.Site.OpenData;
using Zaitaku.Web.Operations;
using Zaitaku.Web.Operations.Backup;
using Zaitaku.Web.Site.Reading;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.Configure<ZaitakuOptions>(builder.Configuration.GetSection("Zaitaku"));
    builder.Services.PostConfigure<ZaitakuOptions>(o =>
        o.ResolvedDataFolder = Path.GetFullPath(o.DataFolder, builder.Environment.ContentRootPath));

    builder.Host.UseSerilog((context, services, logger) =>
    {
        // Paths in the Serilog section may start with {DataFolder}, so logs follow the data folder.
        var dataFolder = services.GetRequiredService<IOptions<ZaitakuOptions>>().Value.ResolvedDataFolder;
        var paths = context.Configuration.GetSection("Serilog").AsEnumerable()
            .Where(kv => kv.Value?.Contains("{DataFolder}", StringComparison.Ordinal) == true)
            .Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value!.Replace("{DataFolder}", dataFolder)));
        var configuration = new ConfigurationBuilder().AddConfiguration(context.Configuration).AddInMemoryCollection(paths).Build();
        logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services);
    }, preserveStaticLogger: true); // the static bootstrap logger stays for start-up failures; tests host many sites per process

    // Before anything else: without a public address the site must not start (README, Configuration).
    var publicUrl = PublicUrl.FromConfiguration(builder.Configuration, builder.Environment);
    builder.Services.AddSingleton(publicUrl);
    builder.Services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
    {
        // Unless AllowedHosts is set on purpose, answer only to the public address's host: a request
        // naming another host is refused (400) before it reaches a page, a cache or a mail.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])) o.AllowedHosts = [publicUrl.Host];
    });
    // Kestrel names itself in every answer otherwise; an attacker needs no help choosing exploits.
    builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(sp => USyncLoader.Load(sp.GetRequiredService<IOptions<ZaitakuOptions>>().Value.ResolveUSyncFolder()));
    builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<ZaitakuDbContext>>(sp =>
    {
        var o = sp.GetRequiredService<IOptions<ZaitakuOptions>>().Value;
        Directory.CreateDirectory(o.ResolvedDataFolder);
        return new ZaitakuDbContextFactory(o.Database.Provider, builder.Configuration.GetConnectionString("Zaitaku"), o.ResolvedDataFolder);
    });
    builder.Services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ZaitakuDbContext>>().CreateDbContext());
    builder.Services.AddSingleton<IPublishedCache, DbPublishedCache>();
    // Images from the media library in Markdown get srcset, sizes, width and height like a template's.
    builder.Services.AddSingleton(sp => new MarkdownRenderer(sp.GetRequiredService<Zaitaku.Infrastructure.Media.MediaLibrary>().ResponsiveImage));
    builder.Services.AddScoped<ContentService>();
    builder.Services.AddScoped<ContentSeedImporter>();

    builder.Services.AddZaitakuNotifications(builder.Configuration);
    builder.Services.AddZaitakuCluster(builder.Configuration);
    builder.Services.AddZaitakuSite(builder.Configuration);
    builder.Services.AddZaitakuBackoffice(builder.Configuration);
    builder.Services.AddZaitakuMail(builder.Configuration);
    builder.Services.AddZaitakuMedia(builder.Configuration);
    builder.Services.AddZaitakuSearch();
    builder.Services.AddZaitakuReading(builder.Configuration);
    builder.Services.AddZaitakuForms(builder.Configuration);
    builder.Services.AddZaitakuOpenData(builder.Configuration);
    builder.Services.AddZaitakuDataProtection(builder.Configuration);
    builder.Services.AddZaitakuOperations(builder.Configuration);
    builder.Services.AddZaitakuDelivery(builder.Configuration);
    builder.Services.AddZaitakuBackgroundJobs();

    var app = builder.Build();
    if (args.Contains(SearchSetup.RebuildCommand)) return await SearchSetup.RunRebuildCommandAsync(app);
    if (BackupCommands.IsCommand(args)) return await BackupCommands.RunAsync(app, args);
    app.UseZaitakuPipeline();
    app.Run();
    return 0;
}
catch (PublicUrlException e)
{
    Log.Fatal("{Problem:l}", e.Message);
    return 1;
}
catch (Exception e) when (FindUSyncProblem(e) is { } problem)
{
    Log.Fatal("uSync の定義に誤りがあるため起動できません: {Problem}", problem.Message);
    return 1;
}
finally
{
    Log.CloseAndFlush();
}

static USyncException? FindUSyncProblem(Exception e) => e switch
{
    USyncException u => u,
    AggregateException a => a.InnerExceptions.Select(FindUSyncProblem).FirstOrDefault(u => u is not null),
    _ when e.InnerException is not null => FindUSyncProblem(e.InnerException),
    _ => null,
};

public partial class Program;
