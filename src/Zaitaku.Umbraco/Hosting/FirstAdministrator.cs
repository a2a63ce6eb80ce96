using Microsoft.Extensions.Configuration;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// How a new site gets its first administrator (README, The two commands). With the administrator's name, e-mail
/// and password in the environment (Umbraco__CMS__Unattended__UnattendedUserName, __UnattendedUserEmail,
/// __UnattendedUserPassword), the site installs itself unattended on embedded SQLite. Without them Umbraco's own
/// installer asks for them in the browser; the console prints its address (<see cref="InstallNotice"/>).
/// </summary>
public static class FirstAdministrator
{
    /// <summary>The embedded database, in Umbraco's data folder (umbraco/Data).</summary>
    public const string EmbeddedConnectionString = "Data Source=|DataDirectory|/Umbraco.sqlite.db;Foreign Keys=True;Pooling=True";

    public static void AddUnattendedInstall(this ConfigurationManager configuration)
    {
        var unattended = configuration.GetSection("Umbraco:CMS:Unattended");
        var given = new[] { "UnattendedUserName", "UnattendedUserEmail", "UnattendedUserPassword" }
            .All(k => !string.IsNullOrWhiteSpace(unattended[k]));
        if (!given) return;

        var settings = new Dictionary<string, string?> { ["Umbraco:CMS:Unattended:InstallUnattended"] = "true" };
        // A connection string tells Umbraco it is installed; only set the embedded one when nothing else is given.
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("umbracoDbDSN")))
        {
            settings["ConnectionStrings:umbracoDbDSN"] = EmbeddedConnectionString;
            settings["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite";
        }
        // Added first, so that anything set on purpose (appsettings, environment, a test) still wins.
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
    }
}
