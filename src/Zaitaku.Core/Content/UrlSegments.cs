using System.Text.RegularExpressions;

namespace Zaitaku.Core.Content;

public static partial class UrlSegments
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex ValidSegment();

    /// <summary>Segments are lowercase ASCII words joined by hyphens, so URLs read aloud and print well.</summary>
    public static bool IsValid(string segment) => ValidSegment().IsMatch(segment);

    /// <summary>Splits a request path into normalised segments; null when the path cannot be a content URL.</summary>
    public static IReadOnlyList<string>? Split(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var s in segments)
        {
            if (!IsValid(s.ToLowerInvariant())) return null;
        }
        return segments.Select(s => s.ToLowerInvariant()).ToArray();
    }
}
