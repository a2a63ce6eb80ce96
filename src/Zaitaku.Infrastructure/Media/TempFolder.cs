namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// A folder of temporary files that belongs to this process while it lives. Its lock file is held
/// open without sharing (flock on Linux), and the operating system lets go of it however the process
/// ends, kill -9 included: so a later start can tell a folder abandoned by a crash, whose half-written
/// uploads it deletes, from one that another instance on the same data folder is using right now.
/// </summary>
internal sealed class TempFolder
{
    private readonly FileStream _lock;

    private TempFolder(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    public string Path { get; }

    public static TempFolder Claim(string root)
    {
        Directory.CreateDirectory(root);
        var path = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N"));
        var held = new FileStream(path + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(path);
        return new TempFolder(path, held);
    }

    /// <returns>How many files were left behind by processes that ended without cleaning up.</returns>
    public static int SweepAbandoned(string root)
    {
        if (!Directory.Exists(root)) return 0;
        var removed = 0;
        foreach (var folder in Directory.GetDirectories(root))
        {
            try
            {
                using (new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    removed += Directory.GetFiles(folder).Length;
                    Directory.Delete(folder, recursive: true);
                }
                File.Delete(folder + ".lock");
            }
            catch (IOException)
            {
                // Held: a live process owns it.
            }
        }
        return removed;
    }
}
