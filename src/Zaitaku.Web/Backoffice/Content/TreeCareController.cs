using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// Looking after the tree: create, move, sort, the recycle bin. The secretariat and reviewers do this;
/// association editors write inside the pages they are given and never reshape the site.
/// </summary>
[Route("umbraco/content")]
[Authorize(Policy = BackofficeSetup.PublishersPolicy)]
public sealed class TreeCareController(ZaitakuDbContext db, ContentSchema schema, ContentService content, AuditTrail audit) : BackofficeController
{
    public sealed class CreateForm
    {
        public int Parent { get; set; }

        [Display(Name = "ページの種類")]
        [Required(ErrorMessage = "ページの種類を選んでください。")]
        public string? ContentType { get; set; }

        [Display(Name = "ページ名")]
        [Required(ErrorMessage = "ページ名を入力してください。")]
        [StringLength(255, ErrorMessage = "ページ名は255文字以内にしてください。")]
        public string? Name { get; set; }

        [Display(Name = "URL")]
        [Required(ErrorMessage = "URLに使う語を入力してください。")]
        [StringLength(100, ErrorMessage = "URLに使う語は100文字以内にしてください。")]
        public string? UrlSegment { get; set; }
    }

    public sealed record CreateModel(ContentNode Parent, string ParentName, string ParentUrl, IReadOnlyList<DocumentType> AllowedTypes, CreateForm Form);

    public sealed record NodeSummary(ContentNode Node, string Name, DocumentType? Type, int Depth);

    public sealed record MoveModel(NodeSummary Node, IReadOnlyList<NodeSummary> Destinations, int? Chosen);

    /// <param name="Typed">The numbers as typed, shown again when one of them is wrong.</param>
    public sealed record SortModel(NodeSummary Parent, IReadOnlyList<NodeSummary> Children, IReadOnlyDictionary<int, string?> Typed);

    public sealed record DeleteModel(NodeSummary Node, int Descendants, bool Published);

    public sealed record BinItem(NodeSummary Node, string? FormerParent, int Descendants);

    [HttpGet("create")]
    public async Task<IActionResult> ContentCreate(int parent)
    {
        var model = await BuildCreateAsync(new CreateForm { Parent = parent });
        if (model is null) return NotFound();
        if (model.AllowedTypes.Count == 1) model.Form.ContentType = model.AllowedTypes[0].Alias;
        return View(model);
    }

    [HttpPost("create")]
    public async Task<IActionResult> ContentCreate(CreateForm form)
    {
        var model = await BuildCreateAsync(form);
        if (model is null) return NotFound();
        form.Name = form.Name?.Trim();
        form.UrlSegment = form.UrlSegment?.Trim().ToLowerInvariant();
        if (form.ContentType is { } alias && model.AllowedTypes.All(t => t.Alias != alias))
            ModelState.AddModelError(nameof(form.ContentType), "この場所に置ける種類から選んでください。");
        await CheckSegmentAsync(nameof(form.UrlSegment), form.UrlSegment, form.Parent, nodeId: 0);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }
        var node = await content.CreateAsync(form.Parent, form.ContentType!, form.Name!, form.UrlSegment!,
            new Dictionary<string, string>(), await content.NextSortOrderAsync(form.Parent), User.Identity!.Name);
        await audit.RecordAsync("content.create", $"{node.Id} {form.Name}", $"{model.ParentName} の下");
        TempData["Message"] = $"「{form.Name}」を作りました。内容を書いて保存してください（まだ公開していません）。";
        return Redirect($"/umbraco/content/{node.Id}");
    }

    [HttpGet("{id:int}/move")]
    public async Task<IActionResult> ContentMove(int id)
    {
        var model = await BuildMoveAsync(id, null);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{id:int}/move")]
    public async Task<IActionResult> ContentMove(int id, int? destination)
    {
        var model = await BuildMoveAsync(id, destination);
        if (model is null) return NotFound();
        if (destination is null || model.Destinations.All(d => d.Node.Id != destination))
            ModelState.AddModelError("destination", "移動先を一覧から選んでください。");
        else
        {
            var node = await db.ContentNodes.SingleAsync(n => n.Id == id);
            try
            {
                await content.MoveAsync(node, destination.Value);
                var to = model.Destinations.Single(d => d.Node.Id == destination).Name;
                await audit.RecordAsync("content.move", $"{id} {model.Node.Name}", $"{to} の下へ");
                TempData["Message"] = $"「{model.Node.Name}」を「{to}」の下へ移動しました。公開中のページの元のURLは、新しいURLへ転送されます。";
                return Redirect("/umbraco/content");
            }
            catch (ContentRuleException e) { ModelState.AddModelError("destination", e.Message); }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(model);
    }

    [HttpGet("{id:int}/sort")]
    public async Task<IActionResult> ContentSort(int id)
    {
        var (parent, children) = await LoadChildrenAsync(id);
        return parent is null ? NotFound()
            : View(new SortModel(parent, children, children.Select((c, i) => (c.Node.Id, (string?)(i + 1).ToString())).ToDictionary()));
    }

    /// <param name="order">A number per child id, as typed in the sort form.</param>
    [HttpPost("{id:int}/sort")]
    public async Task<IActionResult> ContentSort(int id, [FromForm] Dictionary<int, string?>? order)
    {
        var (parent, children) = await LoadChildrenAsync(id);
        if (parent is null) return NotFound();
        order ??= [];
        var positions = new Dictionary<int, int>();
        foreach (var child in children)
        {
            if (int.TryParse(order.GetValueOrDefault(child.Node.Id), out var position) && position is >= 1 and <= 10_000)
                positions[child.Node.Id] = position;
            else
                ModelState.AddModelError($"order[{child.Node.Id}]", $"「{child.Name}」の順番を1以上の数字で入力してください。");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new SortModel(parent, children, order));
        }
        // Equal numbers keep the pages' current order between them.
        var ordered = children.Select((c, i) => (c.Node.Id, Position: positions[c.Node.Id], Was: i))
            .OrderBy(x => x.Position).ThenBy(x => x.Was).Select(x => x.Id).ToList();
        var node = await db.ContentNodes.SingleAsync(n => n.Id == id);
        try
        {
            await content.SortAsync(node, ordered);
        }
        catch (ContentRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new SortModel(parent, children, order));
        }
        await audit.RecordAsync("content.sort", $"{id} {parent.Name}");
        TempData["Message"] = $"「{parent.Name}」の下のページを並べ替えました。";
        return Redirect("/umbraco/content");
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> ContentDelete(int id)
    {
        var model = await BuildDeleteAsync(id);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{id:int}/delete")]
    [ActionName("ContentDelete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var model = await BuildDeleteAsync(id);
        if (model is null) return NotFound();
        var node = await db.ContentNodes.SingleAsync(n => n.Id == id);
        try
        {
            await content.TrashAsync(node);
        }
        catch (ContentRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }
        await audit.RecordAsync("content.trash", $"{id} {model.Node.Name}");
        TempData["Message"] = $"「{model.Node.Name}」をごみ箱へ移しました。「ごみ箱」から元に戻せます。";
        return Redirect("/umbraco/content");
    }

    [HttpGet("recycle-bin")]
    public async Task<IActionResult> RecycleBin() => View(await BinAsync());

    [HttpPost("{id:int}/restore")]
    public async Task<IActionResult> Restore(int id)
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleOrDefaultAsync(n => n.Id == id && n.Trashed);
        if (node is null) return NotFound();
        try
        {
            await content.RestoreAsync(node);
        }
        catch (ContentRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(RecycleBin), await BinAsync());
        }
        await audit.RecordAsync("content.restore", $"{id} {node.DraftVersion!.Name}");
        TempData["Message"] = $"「{node.DraftVersion.Name}」を元の場所に戻しました。";
        return Redirect("/umbraco/content/recycle-bin");
    }

    [HttpPost("{id:int}/destroy")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> Destroy(int id)
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleOrDefaultAsync(n => n.Id == id && n.Trashed);
        if (node is null) return NotFound();
        var name = node.DraftVersion?.Name ?? id.ToString();
        await content.DeletePermanentlyAsync(node);
        await audit.RecordAsync("content.destroy", $"{id} {name}");
        TempData["Message"] = $"「{name}」を完全に削除しました。";
        return Redirect("/umbraco/content/recycle-bin");
    }

    private async Task<CreateModel?> BuildCreateAsync(CreateForm form)
    {
        var parent = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).SingleOrDefaultAsync(n => n.Id == form.Parent);
        if (parent?.DraftVersion is null || await content.IsInRecycleBinAsync(parent.Id)) return null;
        var allowed = schema.FindDocumentType(parent.ContentTypeAlias)?.AllowedChildTypes
            .Select(schema.FindDocumentType).OfType<DocumentType>().ToList() ?? [];
        if (allowed.Count == 0) return null;
        return new CreateModel(parent, parent.DraftVersion.Name, await DraftPathAsync(parent), allowed, form);
    }

    private async Task<MoveModel?> BuildMoveAsync(int id, int? chosen)
    {
        var all = await TreeAsync();
        var node = all.FirstOrDefault(n => n.Node.Id == id);
        if (node is null || node.Node.ParentId is null) return null;
        var branch = Descendants(all, node).Select(d => d.Node.Id).Append(id).ToHashSet();
        var destinations = all.Where(d => !branch.Contains(d.Node.Id) && d.Node.Id != node.Node.ParentId
            && d.Type?.AllowedChildTypes.Contains(node.Node.ContentTypeAlias, StringComparer.OrdinalIgnoreCase) == true).ToList();
        return new MoveModel(node, destinations, chosen);
    }

    private async Task<DeleteModel?> BuildDeleteAsync(int id)
    {
        var all = await TreeAsync();
        var node = all.FirstOrDefault(n => n.Node.Id == id);
        if (node is null) return null;
        var descendants = Descendants(all, node).ToList();
        return new DeleteModel(node, descendants.Count,
            node.Node.PublishedVersionId is not null || descendants.Any(d => d.Node.PublishedVersionId is not null));
    }

    /// <summary>In tree order, a node's descendants are the deeper rows that follow it.</summary>
    private static IEnumerable<NodeSummary> Descendants(List<NodeSummary> tree, NodeSummary node) =>
        tree.SkipWhile(n => n.Node.Id != node.Node.Id).Skip(1).TakeWhile(n => n.Depth > node.Depth);

    private async Task<(NodeSummary? Parent, List<NodeSummary> Children)> LoadChildrenAsync(int id)
    {
        var all = await TreeAsync();
        var parent = all.FirstOrDefault(n => n.Node.Id == id);
        return parent is null ? (null, []) : (parent, all.Where(n => n.Node.ParentId == id).ToList());
    }

    private async Task<List<BinItem>> BinAsync()
    {
        var nodes = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).ToListAsync();
        var names = nodes.ToDictionary(n => n.Id, n => n.DraftVersion?.Name);
        var byParent = nodes.ToLookup(n => n.ParentId);
        int Count(int id) => byParent[id].Sum(c => 1 + Count(c.Id));
        return nodes.Where(n => n.Trashed).OrderBy(n => n.DraftVersion?.Name)
            .Select(n => new BinItem(new NodeSummary(n, n.DraftVersion?.Name ?? "", schema.FindDocumentType(n.ContentTypeAlias), 0),
                n.ParentId is { } p ? names.GetValueOrDefault(p) : null, Count(n.Id)))
            .ToList();
    }

    /// <summary>The tree outside the recycle bin, in display order.</summary>
    private async Task<List<NodeSummary>> TreeAsync()
    {
        var nodes = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).Where(n => !n.Trashed).ToListAsync();
        return TreeOrder.Walk(nodes)
            .Select(x => new NodeSummary(x.Node, x.Node.DraftVersion?.Name ?? "", schema.FindDocumentType(x.Node.ContentTypeAlias), x.Depth))
            .ToList();
    }

    /// <summary>The address a new child would have once it and its parents are published: "/about/…/".</summary>
    private async Task<string> DraftPathAsync(ContentNode node)
    {
        var segments = new List<string>();
        for (ContentNode? n = node; n?.ParentId is not null; n = await db.ContentNodes.AsNoTracking().Include(x => x.DraftVersion).SingleOrDefaultAsync(x => x.Id == n.ParentId))
            segments.Insert(0, n.DraftVersion!.UrlSegment);
        return "/" + string.Concat(segments.Select(s => s + "/"));
    }

    private async Task CheckSegmentAsync(string field, string? segment, int parentId, int nodeId)
    {
        if (string.IsNullOrEmpty(segment) || ModelState.ContainsKey(field) && ModelState[field]!.Errors.Count > 0) return;
        if (await content.UrlSegmentProblemAsync(segment, parentId, nodeId) is { } problem) ModelState.AddModelError(field, problem);
    }
}
