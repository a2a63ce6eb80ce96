using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Umbraco.Cms.Core.Configuration;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// What Umbraco writes into its own configuration at run time — the site's id, the imaging HMAC secret it generates
/// on install, a connection string chosen in its installer — goes to <c>umbraco/Data/appsettings.Local.json</c>, beside
/// the database and out of the repository (Umbraco's own manipulator writes into appsettings.json, which is source).
/// The file is read after appsettings.{Environment}.json and before environment variables, so an operator's setting
/// still wins. It travels with the data folder in a backup.
/// </summary>
public sealed class LocalSettings(string path) : IConfigManipulator
{
    public const string FileName = "appsettings.Local.json";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path { get; } = path;

    /// <summary>Adds the file to the configuration, after the appsettings files and before the environment.</summary>
    public static string AddTo(ConfigurationManager configuration, string contentRoot)
    {
        var path = System.IO.Path.Combine(contentRoot, "umbraco", "Data", FileName);
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = true };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var lastJson = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource).i;
        sources.Insert(lastJson + 1, source);
        return path;
    }

    public Task SaveConnectionStringAsync(string connectionString, string? providerName) => UpdateAsync(root =>
    {
        var strings = Object(root, "ConnectionStrings");
        strings["umbracoDbDSN"] = connectionString;
        if (providerName is not null) strings["umbracoDbDSN_ProviderName"] = providerName;
    });

    public Task RemoveConnectionStringAsync() => UpdateAsync(root =>
    {
        if (root["ConnectionStrings"] is JsonObject strings)
        {
            strings.Remove("umbracoDbDSN");
            strings.Remove("umbracoDbDSN_ProviderName");
        }
    });

    [Obsolete("Umbraco no longer calls it (scheduled for removal in 19); kept because the interface has it.")]
    public Task SaveConfigValueAsync(string itemPath, object value) => SetAsync(itemPath, JsonValue.Create(value.ToString()));

    [Obsolete("Umbraco no longer calls it (scheduled for removal in 19); kept because the interface has it.")]
    public Task SaveDisableRedirectUrlTrackingAsync(bool disable) => SetAsync("Umbraco:CMS:WebRouting:DisableRedirectUrlTracking", JsonValue.Create(disable));

    public Task SetGlobalIdAsync(string id) => SetAsync("Umbraco:CMS:Global:Id", JsonValue.Create(id));

    public Task SetImagingHmacSecretKeyAsync(string base64Key) => SetAsync("Umbraco:CMS:Imaging:HMACSecretKey", JsonValue.Create(base64Key));

    private Task SetAsync(string itemPath, JsonNode? value) => UpdateAsync(root =>
    {
        var parts = itemPath.Split(':');
        var node = root;
        foreach (var part in parts[..^1]) node = Object(node, part);
        node[parts[^1]] = value;
    });

    private static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private async Task UpdateAsync(Action<JsonObject> change)
    {
        await _gate.WaitAsync();
        try
        {
            var root = File.Exists(Path) && JsonNode.Parse(await File.ReadAllTextAsync(Path)) is JsonObject read ? read : new JsonObject();
            change(root);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            // Written whole and moved into place, so a reader (the configuration reload) never sees half a file.
            var temporary = Path + ".tmp";
            await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, Path, overwrite: true);
        }
        finally { _gate.Release(); }
    }
}

public static class LocalSettingsBuilderExtensions
{
    /// <summary>Umbraco's configuration writer, replaced by <see cref="LocalSettings"/> for the given file.</summary>
    public static IUmbracoBuilder SetLocalSettings(this IUmbracoBuilder builder, string path)
    {
        builder.Services.AddUnique<IConfigManipulator>(new LocalSettings(path));
        return builder;
    }
}
