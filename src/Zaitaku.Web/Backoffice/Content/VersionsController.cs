using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Editing;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Web.Backoffice.Access;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>Every save of a node, two of them side by side, and rollback (which is a new save, not a deletion).</summary>
[Route("umbraco/content/{id:int}/versions")]
public sealed class VersionsController(
    ZaitakuDbContext db, ContentSchema schema, ContentService content, UserManager<EditorUser> users, AuditTrail audit) : BackofficeController
{
    public sealed record VersionListModel(ContentNode Node, IReadOnlyList<ContentVersion> Versions);

    public sealed record CompareModel(ContentNode Node, ContentVersion Older, ContentVersion Newer, IReadOnlyList<FieldDiff> Fields);

    [HttpGet("")]
    public async Task<IActionResult> VersionList(int id)
    {
        var (node, refusal) = await AllowedNodeAsync(id);
        if (node is null) return refusal!;
        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.NodeId == id).OrderByDescending(v => v.Id).ToListAsync();
        return View(new VersionListModel(node, versions));
    }

    [HttpGet("compare")]
    public async Task<IActionResult> VersionCompare(int id, int a, int b)
    {
        var (node, refusal) = await AllowedNodeAsync(id);
        if (node is null) return refusal!;
        var pair = await db.ContentVersions.AsNoTracking().Where(v => v.NodeId == id && (v.Id == a || v.Id == b)).OrderBy(v => v.Id).ToListAsync();
        if (pair.Count != 2)
        {
            TempData["Message"] = "比べる版を2つ選んでください。";
            return RedirectToAction(nameof(VersionList), new { id });
        }
        var type = schema.GetDocumentType(node.ContentTypeAlias);
        var (older, newer) = (pair[0], pair[1]);
        var fields = VersionDiff.Fields(type, older, newer);
        return View(new CompareModel(node, older, newer, fields));
    }

    [HttpPost("{versionId:int}/rollback")]
    public async Task<IActionResult> Rollback(int id, int versionId)
    {
        var (node, refusal) = await AllowedNodeAsync(id);
        if (node is null) return refusal!;
        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.NodeId == id);
        if (version is null) return NotFound();
        var values = PropertyValues.Deserialize(version.ValuesJson);
        // An association editor may not roll a column back to a version that belonged to another association.
        if (!await MayAsync(new ContentResource(node, values), Access.BackofficeOperations.Edit)) return Forbid();
        await content.SaveDraftAsync(node, version.Name, node.DraftVersion!.UrlSegment, values, User.Identity!.Name);
        await audit.RecordAsync("content.rollback", $"{node.Id} {version.Name}", $"版 {versionId} に戻した");
        TempData["Message"] = $"{AuditText.When(version.CreatedUtc)} の版の内容を、新しい下書きとして保存しました。公開するまで、公開中のページは変わりません。";
        return RedirectToAction("ContentEdit", "Content", new { id });
    }

    /// <summary>The node if this user may work on it; otherwise the answer to give (404 or 403).</summary>
    private async Task<(ContentNode? Node, IActionResult? Refusal)> AllowedNodeAsync(int id)
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleOrDefaultAsync(n => n.Id == id && !n.Trashed);
        if (node?.DraftVersion is null) return (null, NotFound());
        if (await users.GetUserAsync(User) is null) return (null, Forbid());
        return await MayAsync(ContentResource.Of(node), Access.BackofficeOperations.Edit) ? (node, null) : (null, Forbid());
    }
}
