namespace Zaitaku.Infrastructure.Tests.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zaitaku-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a UTF-8 text file (creating its folders) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = Combine(relativePath.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Copies a folder tree into this folder and returns the copy's full path.</summary>
    public string CopyFrom(string sourceFolder, string name)
    {
        var target = Combine(name);
        foreach (var dir in Directory.GetDirectories(sourceFolder, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(sourceFolder, dir)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(sourceFolder, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(sourceFolder, file)));
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a leftover temp folder must not fail a test
        catch (UnauthorizedAccessException) { }
    }
}
