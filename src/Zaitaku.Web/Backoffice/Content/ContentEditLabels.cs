using Zaitaku.Core.ContentTypes;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// The labels of the page edit form (ContentEdit.cshtml), for the 503 page. The page's document type
/// is in the database, which has just failed, so a property is labelled as the document types
/// (uSync, in memory) name it; the same alias has the same name across them (body is 本文 everywhere).
/// </summary>
public sealed class ContentEditLabels(ContentSchema schema) : IFieldLabelSource
{
    private static readonly KeyValuePair<string, string>[] Fixed =
    [
        new("name", "ページ名"), new("urlSegment", "URL"), new("reviewNote", "確認する人へのメモ"),
        new("reviewComment", "編集者へのコメント"), new("publishAt", "公開する日時"), new("unpublishAt", "公開を終える日時"),
        new("checkOverride", "文章チェックのエラーがあっても、このまま公開する理由"),
    ];

    public IEnumerable<KeyValuePair<string, string>> LabelsFor(RouteValueDictionary route) =>
        Fixed.Concat(schema.DocumentTypes
            .SelectMany(t => t.Properties)
            .DistinctBy(p => p.Alias, StringComparer.OrdinalIgnoreCase)
            .Select(p => KeyValuePair.Create($"Values[{p.Alias}]", p.Name)));
}
