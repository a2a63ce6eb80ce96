using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Editing;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>One field of two versions compared line by line (DiffPlex), as the form shows its value.</summary>
public sealed record FieldDiff(string Label, IReadOnlyList<DiffPiece> Lines, bool Changed);

public static class VersionDiff
{
    /// <param name="older">The earlier version; none when the page has never been published, so everything is new.</param>
    public static List<FieldDiff> Fields(DocumentType type, ContentVersion? older, ContentVersion newer)
    {
        var before = PropertyValues.Deserialize(older?.ValuesJson ?? "{}");
        var after = PropertyValues.Deserialize(newer.ValuesJson);
        var fields = new List<FieldDiff> { Diff("ページ名", older?.Name ?? "", newer.Name) };
        fields.AddRange(type.Properties.Select(p => Diff(p.Name,
            PropertyInput.ForForm(p, before.GetValueOrDefault(p.Alias)), PropertyInput.ForForm(p, after.GetValueOrDefault(p.Alias)))));
        return fields;
    }

    private static FieldDiff Diff(string label, string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        return new FieldDiff(label, model.Lines, model.HasDifferences);
    }
}
