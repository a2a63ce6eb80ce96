using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>What the edit form brings along with a decision: the draft as typed, saved as a new version first.</summary>
public sealed record DraftSave(string Name, string UrlSegment, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// The review round and the schedule of a page (確認依頼, 予約): an editor saves and asks, a reviewer
/// publishes, books or returns it, and the scheduled publisher carries out what was booked.
/// Every action is one transaction: the draft that came with it, the decision, the review request's
/// state, the mail it sends and the audit line are kept together or not at all. Answering never
/// writes a version of its own: what the reviewer decides about is the version the editor sent.
/// </summary>
public sealed class ReviewService(ZaitakuDbContext db, ContentService content, ReviewNotices notices, AuditTrail audit,
    PeopleNames names, IPublishedCache cache, PublicUrl site, TimeProvider clock)
{
    /// <summary>The open request of a node: waiting in the queue, or booked by a reviewer and not yet published.</summary>
    public Task<ReviewRequest?> OpenAsync(int nodeId) =>
        db.ReviewRequests.SingleOrDefaultAsync(r => r.NodeId == nodeId && (r.State == ReviewState.Pending || r.State == ReviewState.Scheduled));

    /// <summary>Saves the draft (公開中のページは変わらない).</summary>
    public async Task<ContentVersion> SaveAsync(ContentNode node, DraftSave save, string editor)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var version = await SaveDraftAsync(node, save, editor);
        await transaction.CommitAsync();
        return version;
    }

    /// <summary>Saves the draft and asks the reviewers to look at it.</summary>
    public async Task<ContentVersion> RequestAsync(ContentNode node, DraftSave save, string requestedBy, string? note)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var version = await SaveDraftAsync(node, save, requestedBy);
        // One open request per node: asking again points it at the newest version and puts it back in the queue.
        var request = await OpenAsync(node.Id);
        if (request is null) db.ReviewRequests.Add(request = new ReviewRequest { NodeId = node.Id });
        request.State = ReviewState.Pending;
        request.VersionId = version.Id;
        request.RequestedBy = requestedBy;
        request.RequestedUtc = clock.GetUtcNow().UtcDateTime;
        request.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        request.ReviewedBy = null;
        request.ReviewedUtc = null;
        await db.SaveChangesAsync();
        var name = await NameOfNodeAsync(node);
        await notices.ReviewRequestedAsync(name, EditUrl(node), await names.OfAsync(requestedBy));
        await audit.RecordAsync("content.submit", $"{node.Id} {name}");
        await transaction.CommitAsync();
        return version;
    }

    /// <summary>Approves: publishes the draft (saving what came with it first) and answers the open request.</summary>
    public async Task PublishAsync(ContentNode node, DraftSave? save, string reviewer)
    {
        Func<CancellationToken, Task> refreshCache;
        ReviewRequest? approved;
        string name;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (save is not null) await SaveDraftAsync(node, save, reviewer);
            refreshCache = await content.SavePublishedAsync(node);
            name = await NameOfNodeAsync(node);
            approved = await AnswerAsync(node.Id, ReviewState.Approved, reviewer, null);
            await audit.RecordAsync("content.publish", $"{node.Id} {name}");
            await transaction.CommitAsync();
        }
        await refreshCache(CancellationToken.None);
        // Queued once the page is in the published cache, so the mail links to its address as published.
        if (approved is not null)
            await notices.PublishedAsync(approved.RequestedBy, name, site.Absolute(cache.Current.GetById(node.Id)?.Url ?? "/"));
    }

    /// <summary>Books publishing and unpublishing; a request waiting for review leaves the queue as 予約済み.
    /// Clearing both times puts a booked request back in the queue.</summary>
    public async Task ScheduleAsync(ContentNode node, DraftSave? save, DateTime? publishAtUtc, DateTime? unpublishAtUtc, string reviewer)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (save is not null) await SaveDraftAsync(node, save, reviewer);
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
        await transaction.CommitAsync();
    }

    /// <returns>Whether there was a request to return (nothing is saved when there was not).</returns>
    public async Task<bool> ReturnAsync(ContentNode node, DraftSave? save, string comment, string reviewer)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (save is not null) await SaveDraftAsync(node, save, reviewer);
        var returned = await AnswerAsync(node.Id, ReviewState.Returned, reviewer, comment);
        if (returned is null) return false;
        // A returned page is no longer booked: the editor is to change it first.
        node.PublishAtUtc = null;
        await db.SaveChangesAsync();
        var name = await NameOfNodeAsync(node);
        await notices.ReturnedAsync(returned.RequestedBy, name, EditUrl(node), await names.OfAsync(reviewer), comment);
        await audit.RecordAsync("content.return", $"{node.Id} {name}", comment);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// Carries out a publish-at that fell due. The schedule is claimed with a conditional update first,
    /// so with several instances on one database exactly one of them does it; the claim, the publish,
    /// the answer to the request and the audit line are one transaction, so a crash or a lost database
    /// anywhere in between leaves the schedule due, to be carried out once later.
    /// </summary>
    /// <returns>Whether this instance carried it out.</returns>
    public async Task<bool> PublishDueAsync(int nodeId, DateTime dueUtc, CancellationToken ct)
    {
        Func<CancellationToken, Task> refreshCache;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.ContentNodes.Where(n => n.Id == nodeId && n.PublishAtUtc == dueUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.PublishAtUtc, (DateTime?)null), ct);
            if (claimed == 0) return false; // another instance took it
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.Id == nodeId, ct);
            refreshCache = await content.SavePublishedAsync(node, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await db.ReviewRequests.Where(r => r.NodeId == node.Id && (r.State == ReviewState.Pending || r.State == ReviewState.Scheduled))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewState.Approved).SetProperty(r => r.ReviewedUtc, now), ct);
            await audit.RecordAsync("content.scheduled-publish", $"{node.Id} {node.DraftVersion!.Name}", userName: "予約", ct: ct);
            await transaction.CommitAsync(ct);
        }
        await refreshCache(ct);
        return true;
    }

    /// <summary>As <see cref="PublishDueAsync"/>, for an unpublish-at.</summary>
    public async Task<bool> UnpublishDueAsync(int nodeId, DateTime dueUtc, CancellationToken ct)
    {
        Func<CancellationToken, Task> refreshCache;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.ContentNodes.Where(n => n.Id == nodeId && n.UnpublishAtUtc == dueUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.UnpublishAtUtc, (DateTime?)null), ct);
            if (claimed == 0) return false;
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.Id == nodeId, ct);
            refreshCache = await content.SaveUnpublishedAsync(node, ct);
            await audit.RecordAsync("content.scheduled-unpublish", $"{node.Id} {node.DraftVersion!.Name}", userName: "予約", ct: ct);
            await transaction.CommitAsync(ct);
        }
        await refreshCache(ct);
        return true;
    }

    /// <summary>Writes the draft as a new version, with the audit lines of the save (and of a changed address).</summary>
    private async Task<ContentVersion> SaveDraftAsync(ContentNode node, DraftSave save, string editor)
    {
        var formerSegment = node.DraftVersion?.UrlSegment;
        var version = await content.SaveDraftAsync(node, save.Name, save.UrlSegment, save.Values, editor);
        await audit.RecordAsync("content.save", $"{node.Id} {save.Name}");
        if (formerSegment is not null && save.UrlSegment != formerSegment)
            await audit.RecordAsync("content.url-changed", $"{node.Id} {save.Name}", $"{formerSegment} → {save.UrlSegment}");
        return version;
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

    // Links in mail come from the configured address: the request's Host header is the sender's to forge.
    private string EditUrl(ContentNode node) => site.Absolute($"{BackofficeSetup.BasePath}/content/{node.Id}");

    private async Task<string> NameOfNodeAsync(ContentNode node) =>
        node.DraftVersion?.Name ?? await db.ContentVersions.Where(v => v.Id == node.DraftVersionId).Select(v => v.Name).SingleAsync();
}
