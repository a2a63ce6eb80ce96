using System.Collections.Concurrent;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Site.Media;

/// <summary>
/// Whether each stored PDF passes today's check, worked out once per revision. A file stored before
/// the check grew stricter may hold what it now refuses: such a file is only offered as a download.
/// </summary>
public sealed class PlainPdfs(MediaLibrary library)
{
    private readonly ConcurrentDictionary<(Guid, int), Lazy<bool>> _verdicts = new();

    public bool IsPlain(MediaItem item) =>
        _verdicts.GetOrAdd((item.Key, item.Revision), _ => new Lazy<bool>(() => MediaFileCheck.IsPlainPdf(library.FilePath(item)))).Value;
}
