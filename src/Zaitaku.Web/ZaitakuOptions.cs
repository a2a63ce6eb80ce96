namespace Zaitaku.Web;

/// <summary>The "Zaitaku" section of configuration. Relative paths are resolved as described on each.</summary>
public sealed class ZaitakuOptions
{
    /// <summary>Database, logs, media. Relative to the content root; moved with Zaitaku__DataFolder.</summary>
    public string DataFolder { get; set; } = "App_Data";
    /// <summary>Relative to the application folder, where the build copies uSync/.</summary>
    public string USyncFolder { get; set; } = "uSync/v17";
    /// <summary>Relative to the application folder, where the build copies content-seed/.</summary>
    public string ContentSeedFolder { get; set; } = "content-seed";
    public DatabaseOptions Database { get; set; } = new();
    /// <summary>Read once at start by <c>PublicUrl.FromConfiguration</c>; here so the settings are documented in one place.</summary>
    public SiteOptions Site { get; set; } = new();
    /// <summary>Read once at start by <c>KeyProtectionCertificate</c>; here so the settings are documented in one place.</summary>
    public KeyProtectionOptions KeyProtection { get; set; } = new();

    public sealed class DatabaseOptions
    {
        public Zaitaku.Infrastructure.Data.DatabaseProvider Provider { get; set; }
    }

    public sealed class SiteOptions
    {
        /// <summary>
        /// The site's public address, such as https://zaitaku.example.jp: every absolute URL (mail,
        /// preview links, sitemap, the HTTPS redirect) is made from it, and unless AllowedHosts is set,
        /// requests for any other host are refused. Required outside Development.
        /// </summary>
        public string? PublicUrl { get; set; }
    }

    /// <summary>
    /// A certificate (PKCS#12) that encrypts the Data Protection keys in {DataFolder}/keys. Those keys
    /// decrypt form entries and sign-in cookies, so in production they should not lie in clear text
    /// beside the database. The password comes from the environment, never from the repository; a
    /// relative path is relative to the working directory.
    /// </summary>
    public sealed class KeyProtectionOptions
    {
        public string? CertificatePath { get; set; }
        public string? CertificatePassword { get; set; }
    }

    /// <summary>The absolute data folder, set once the content root is known.</summary>
    public string ResolvedDataFolder { get; set; } = "";
    public string ResolveUSyncFolder() => Path.GetFullPath(USyncFolder, AppContext.BaseDirectory);
    public string ResolveContentSeedFolder() => Path.GetFullPath(ContentSeedFolder, AppContext.BaseDirectory);
}
