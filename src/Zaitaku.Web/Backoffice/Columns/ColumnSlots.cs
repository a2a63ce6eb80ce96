using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>Where a scheduled column of the 広報つながり series stands.</summary>
public enum SlotState { NotStarted, Draft, InReview, Returned, Scheduled, Published }

/// <summary>One column slot: a column node with its issue date, theme, association and due date.</summary>
public sealed record ColumnSlot(
    int NodeId, string Theme, DateOnly IssueDate, DateOnly? DueDate, Guid? AssociationKey, string AssociationName, SlotState State, string? ReturnComment)
{
    public static string Label(SlotState state) => state switch
    {
        SlotState.NotStarted => "未着手",
        SlotState.Draft => "下書き",
        SlotState.InReview => "確認待ち",
        SlotState.Returned => "差し戻し",
        SlotState.Scheduled => "予約済み",
        _ => "公開済み",
    };

    /// <summary>States in which the association still owes the secretariat its text.</summary>
    public bool Outstanding => State is SlotState.NotStarted or SlotState.Draft or SlotState.Returned;
}

/// <summary>Reads the 広報つながり schedule from the content tree: every column node is a slot.</summary>
public sealed class ColumnSlots(ZaitakuDbContext db)
{
    public const string SeedUser = "content-seed";

    public async Task<List<ColumnSlot>> AllAsync(CancellationToken ct = default)
    {
        var columns = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "column" && !n.Trashed).ToListAsync(ct);
        var associations = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "association").ToDictionaryAsync(n => n.Key, n => n.DraftVersion!.Name, ct);
        var ids = columns.Select(c => c.Id).ToList();
        var reviews = (await db.ReviewRequests.AsNoTracking().Where(r => ids.Contains(r.NodeId)).ToListAsync(ct))
            .GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RequestedUtc).ThenByDescending(r => r.Id).First());
        // A slot is started once anyone but the seed import has saved it.
        var started = (await db.ContentVersions.AsNoTracking().Where(v => ids.Contains(v.NodeId) && v.CreatedBy != SeedUser && v.CreatedBy != null)
            .Select(v => v.NodeId).Distinct().ToListAsync(ct)).ToHashSet();

        return columns.Select(node =>
        {
            var values = PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
            var association = PropertyValues.ParseDocumentUdi(values.GetValueOrDefault("association"));
            reviews.TryGetValue(node.Id, out var review);
            var state =
                node.PublishAtUtc is not null ? SlotState.Scheduled
                : review?.State == ReviewState.Pending ? SlotState.InReview
                : review?.State == ReviewState.Returned ? SlotState.Returned
                : !started.Contains(node.Id) ? SlotState.NotStarted
                : node.PublishedVersionId is not null && node.PublishedVersionId == node.DraftVersionId ? SlotState.Published
                : SlotState.Draft;
            return new ColumnSlot(node.Id, values.GetValueOrDefault("theme") ?? node.DraftVersion.Name,
                ParseDate(values.GetValueOrDefault("issueDate")) ?? DateOnly.MinValue, ParseDate(values.GetValueOrDefault("dueDate")),
                association, association is { } a && associations.TryGetValue(a, out var name) ? name : "―",
                state, review?.State == ReviewState.Returned ? review.Comment : null);
        }).OrderBy(s => s.IssueDate).ToList();
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d) ? d : null;
}
