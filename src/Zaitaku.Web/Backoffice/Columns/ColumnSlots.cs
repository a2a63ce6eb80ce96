using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>Where a scheduled column of the 広報つながり series stands.</summary>
public enum SlotState { NotStarted, Draft, InReview, Returned, Scheduled, Published, Unpublished }

/// <summary>One column slot: a column node with its issue date, theme, association and due date.</summary>
public sealed record ColumnSlot(
    int NodeId, string Theme, DateOnly IssueDate, DateOnly? DueDate, Guid? AssociationKey, string AssociationName, SlotState State,
    string? ReturnComment, DateTime? PublishAtUtc = null, bool HasNewerDraft = false)
{
    public static string Label(SlotState state) => state switch
    {
        SlotState.NotStarted => "未着手",
        SlotState.Draft => "下書き",
        SlotState.InReview => "確認待ち",
        SlotState.Returned => "差し戻し",
        SlotState.Scheduled => "予約済み",
        SlotState.Published => "公開済み",
        _ => "公開を停止",
    };

    /// <summary>States in which the association still owes the secretariat its text.</summary>
    public bool Outstanding => State is SlotState.NotStarted or SlotState.Draft or SlotState.Returned;

    /// <summary>The due date has passed and the text has not reached the secretariat.</summary>
    public bool IsOverdue(DateOnly today) => Outstanding && DueDate is { } due && due < today;

    /// <summary>Still to be published, on an issue that has not gone out yet.</summary>
    public bool IsUpcoming(DateOnly today) => IssueDate >= today && State is not SlotState.Published;
}

/// <summary>Reads the 広報つながり schedule from the content tree: every column node is a slot.</summary>
public sealed class ColumnSlots(ZaitakuDbContext db)
{
    public async Task<List<ColumnSlot>> AllAsync(CancellationToken ct = default)
    {
        var columns = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "column" && !n.Trashed).ToListAsync(ct);
        var associations = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "association").ToDictionaryAsync(n => n.Key, n => n.DraftVersion!.Name, ct);
        var ids = columns.Select(c => c.Id).ToList();
        var reviews = (await db.ReviewRequests.AsNoTracking().Where(r => ids.Contains(r.NodeId)).ToListAsync(ct))
            .GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RequestedUtc).ThenByDescending(r => r.Id).First());
        var versionCounts = await db.ContentVersions.AsNoTracking().Where(v => ids.Contains(v.NodeId))
            .GroupBy(v => v.NodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        return columns.Select(node =>
        {
            var values = PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
            var association = PropertyValues.ParseDocumentUdi(values.GetValueOrDefault("association"));
            reviews.TryGetValue(node.Id, out var review);
            var state = StateOf(node, review, string.IsNullOrWhiteSpace(values.GetValueOrDefault("body")) && versionCounts.GetValueOrDefault(node.Id) <= 1);
            return new ColumnSlot(node.Id, values.GetValueOrDefault("theme") ?? node.DraftVersion.Name,
                ParseDate(values.GetValueOrDefault("issueDate")) ?? DateOnly.MinValue, ParseDate(values.GetValueOrDefault("dueDate")),
                association, association is { } a && associations.TryGetValue(a, out var name) ? name : "―",
                state, state == SlotState.Returned ? review!.Comment : null,
                node.PublishAtUtc, state == SlotState.Published && node.DraftVersionId != node.PublishedVersionId);
        }).OrderBy(s => s.IssueDate).ToList();
    }

    /// <summary>
    /// What an editor and the secretariat would call the column's state. What is on the public site and
    /// what is booked to be come first; then the answer to the latest request; then whether anyone has written.
    /// </summary>
    /// <param name="neverWritten">The slot still has no body and nobody has saved it since it was made.</param>
    public static SlotState StateOf(ContentNode node, ReviewRequest? latestReview, bool neverWritten)
    {
        if (node.PublishAtUtc is not null) return SlotState.Scheduled;
        if (latestReview?.State is ReviewState.Pending) return SlotState.InReview;
        // A returned revision of a live column is still owed, so the return shows over 公開済み.
        if (latestReview?.State is ReviewState.Returned && latestReview.VersionId != node.PublishedVersionId) return SlotState.Returned;
        if (node.PublishedVersionId is not null) return SlotState.Published;
        if (node.PublishedUtc is not null) return SlotState.Unpublished;
        return neverWritten ? SlotState.NotStarted : SlotState.Draft;
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d) ? d : null;
}
