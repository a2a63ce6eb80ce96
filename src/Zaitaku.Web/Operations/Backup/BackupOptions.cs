namespace Zaitaku.Web.Operations.Backup;

/// <summary>The "Zaitaku:Backup" section: the scheduled daily backup (off unless enabled).</summary>
public sealed class BackupOptions
{
    public bool Enabled { get; set; }
    /// <summary>Where the archives go: outside the data folder, ideally another disk or a mounted share. Required when enabled.</summary>
    public string? Folder { get; set; }
    /// <summary>Japan time of day after which the day's backup is made.</summary>
    public TimeOnly At { get; set; } = new(3, 0);
    /// <summary>How many archives to keep; older ones are deleted after a new one is written.</summary>
    public int Keep { get; set; } = 14;
}
