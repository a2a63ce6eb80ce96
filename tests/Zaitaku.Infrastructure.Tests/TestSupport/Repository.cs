using Zaitaku.Core.ContentTypes;
using Zaitaku.Infrastructure.USync;

namespace Zaitaku.Infrastructure.Tests.TestSupport;

/// <summary>The repository the tests run from: its real uSync schema and content seed.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);
    private static readonly Lazy<ContentSchema> LoadedSchema = new(() => USyncLoader.Load(USyncFolder));

    public static string Root => RootFolder.Value;
    public static string USyncFolder => Path.Combine(Root, "uSync", "v17");
    public static string ContentSeedFolder => Path.Combine(Root, "content-seed");

    /// <summary>The schema loaded from the repository's uSync folder (loaded once).</summary>
    public static ContentSchema Schema => LoadedSchema.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zaitaku.Web.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Zaitaku.Web.sln が {AppContext.BaseDirectory} より上に見つかりません。");
    }
}
