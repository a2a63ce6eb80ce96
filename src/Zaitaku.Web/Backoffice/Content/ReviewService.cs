using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// The review round of a page (確認依頼): an editor asks, a reviewer publishes, books or returns it.
/// Answering never writes a version: what the reviewer decides about is the version the editor sent.
/// </summary>
public sealed class ReviewService(ZaitakuDbContext db, ContentService content, ReviewNotices notices, AuditTrail audit,
    PeopleNames names, TimeProvider clock)
{
    /// <summary>The open request of a node: waiting in the queue, or booked by a reviewer and not yet published.</summary>
    public Task<ReviewRequest?> OpenAsync(int nodeId) =>
        db.ReviewRequests.SingleOrDefaultAsync(r => r.NodeId == nodeId && (r.State == ReviewState.Pending || r.State == ReviewState.Scheduled));

    public async Task RequestAsync(ContentNode node, int versionId, string requestedBy, string? note, string editUrl)
    {
        // One open request per node: asking again points it at the newest version and puts it back in the queue.
        var request = await OpenAsync(node.Id);
        if (request is null) db.ReviewRequests.Add(request = new ReviewRequest { NodeId = node.Id });
        request.State = ReviewState.Pending;
        request.VersionId = versionId;
        request.RequestedBy = requestedBy;
        request.RequestedUtc = clock.GetUtcNow().UtcDateTime;
        request.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        request.ReviewedBy = null;
        request.ReviewedUtc = null;
        await db.SaveChangesAsync();
        var name = await NameOfNodeAsync(node);
        await notices.ReviewRequestedAsync(name, editUrl, await names.OfAsync(requestedBy));
        await audit.RecordAsync("content.submit", $"{node.Id} {name}");
    }

    public async Task PublishAsync(ContentNode node, string reviewer, Func<string> publicUrl)
    {
        await content.PublishAsync(node);
        var name = await NameOfNodeAsync(node);
        if (await AnswerAsync(node.Id, ReviewState.Approved, reviewer, null) is { } approved)
            await notices.PublishedAsync(approved.RequestedBy, name, publicUrl());
        await audit.RecordAsync("content.publish", $"{node.Id} {name}");
    }

    /// <summary>Books publishing and unpublishing; a request waiting for review leaves the queue as 予約済み.
    /// Clearing both times puts a booked request back in the queue.</summary>
    public async Task ScheduleAsync(ContentNode node, DateTime? publishAtUtc, DateTime? unpublishAtUtc, string reviewer)
    {
        node.PublishAtUtc = publishAtUtc;
        node.UnpublishAtUtc = unpublishAtUtc;
        await db.SaveChangesAsync();
        if (publishAtUtc is not null)
            await AnswerAsync(node.Id, ReviewState.Scheduled, reviewer, null);
        else if (await OpenAsync(node.Id) is { State: ReviewState.Scheduled } booked)
        {
            booked.State = ReviewState.Pending;
            await db.SaveChangesAsync();
        }
        await audit.RecordAsync("content.schedule", $"{node.Id} {await NameOfNodeAsync(node)}",
            $"公開 {(publishAtUtc is { } p ? AuditText.When(p) : "なし")}／公開終了 {(unpublishAtUtc is { } u ? AuditText.When(u) : "なし")}");
    }

    /// <returns>Whether there was a request to return.</returns>
    public async Task<bool> ReturnAsync(ContentNode node, string comment, string reviewer, string editUrl)
    {
        var returned = await AnswerAsync(node.Id, ReviewState.Returned, reviewer, comment);
        if (returned is null) return false;
        // A returned page is no longer booked: the editor is to change it first.
        node.PublishAtUtc = null;
        await db.SaveChangesAsync();
        var name = await NameOfNodeAsync(node);
        await notices.ReturnedAsync(returned.RequestedBy, name, editUrl, await names.OfAsync(reviewer), comment);
        await audit.RecordAsync("content.return", $"{node.Id} {name}", comment);
        return true;
    }

    private async Task<ReviewRequest?> AnswerAsync(int nodeId, ReviewState answer, string reviewer, string? comment)
    {
        var open = await OpenAsync(nodeId);
        if (open is null) return null;
        open.State = answer;
        open.Comment = comment;
        open.ReviewedBy = reviewer;
        open.ReviewedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return open;
    }

    private async Task<string> NameOfNodeAsync(ContentNode node) =>
        node.DraftVersion?.Name ?? await db.ContentVersions.Where(v => v.Id == node.DraftVersionId).Select(v => v.Name).SingleAsync();
}
