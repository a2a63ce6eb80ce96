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

    public sealed class DatabaseOptions
    {
        public Zaitaku.Infrastructure.Data.DatabaseProvider Provider { get; set; }
    }

    /// <summary>The absolute data folder, set once the content root is known.</summary>
    public string ResolvedDataFolder { get; set; } = "";
    public string ResolveUSyncFolder() => Path.GetFullPath(USyncFolder, AppContext.BaseDirectory);
    public string ResolveContentSeedFolder() => Path.GetFullPath(ContentSeedFolder, AppContext.BaseDirectory);
}
