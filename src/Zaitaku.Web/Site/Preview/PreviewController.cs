using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Site.Preview;

/// <summary>
/// Shows a saved version of a page through the public templates, from a signed link, with a banner
/// saying so. Never cached, never indexed, and it changes nothing.
/// </summary>
public sealed class PreviewController(PreviewLinks links, ZaitakuDbContext db, ContentSchema schema, SitePageFactory pages, IPublishedCache cache) : Controller
{
    [HttpGet("preview/{token}")]
    public async Task<IActionResult> Show(string token)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (links.Read(token) is not { } link)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("PreviewExpired", pages.CreateForError(cache.Current, "プレビューを表示できません"));
        }
        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == link.VersionId && v.NodeId == link.NodeId);
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == link.NodeId && !n.Trashed);
        if (version is null || node is null) return NotFound();
        if (PreviewLinks.IsRevoked(link.Expires, node.PreviewLinksRevokedUtc))
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("PreviewExpired", pages.CreateForError(cache.Current, "プレビューを表示できません"));
        }

        // The published tree, with this node as the version being previewed.
        var rows = await db.ContentNodes.AsNoTracking()
            .Where(n => !n.Trashed && n.PublishedVersionId != null && n.Id != node.Id)
            .Select(n => new PublishedNodeData(n.Id, n.Key, n.ParentId, n.SortOrder, n.ContentTypeAlias,
                n.PublishedVersion!.Name, n.PublishedVersion.UrlSegment, n.PublishedVersion.UpdatedUtc, n.PublishedVersion.ValuesJson))
            .ToListAsync();
        rows.Add(new PublishedNodeData(node.Id, node.Key, node.ParentId, node.SortOrder, node.ContentTypeAlias,
            version.Name, version.UrlSegment, version.UpdatedUtc, version.ValuesJson));
        // A new page under a section that is not published yet is previewed inside that section's draft.
        var published = rows.Select(r => r.Id).ToHashSet();
        for (var parentId = node.ParentId; parentId is { } id && !published.Contains(id);)
        {
            var parent = await db.ContentNodes.AsNoTracking().Where(n => n.Id == id && !n.Trashed)
                .Select(n => new PublishedNodeData(n.Id, n.Key, n.ParentId, n.SortOrder, n.ContentTypeAlias,
                    n.DraftVersion!.Name, n.DraftVersion.UrlSegment, n.DraftVersion.UpdatedUtc, n.DraftVersion.ValuesJson))
                .SingleOrDefaultAsync();
            if (parent is null) return NotFound(); // in the recycle bin: nothing to preview
            rows.Add(parent);
            published.Add(parent.Id);
            parentId = parent.ParentId;
        }
        var snapshot = new PublishedSnapshot(rows, schema);
        var content = snapshot.GetById(node.Id);
        if (content?.ContentType.DefaultTemplate is not { } template) return NotFound();

        ViewData["PreviewUntil"] = link.Expires;
        return View(template, pages.Create(content, snapshot));
    }
}
