using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Editing;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Access;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>The content tree and the edit form generated from each node's document type.</summary>
[Route("umbraco/content")]
public sealed class ContentController(
    ZaitakuDbContext db, ContentSchema schema, ContentService content, UserManager<EditorUser> users,
    AuditTrail audit, MarkdownRenderer markdown, TimeProvider clock, ReviewService reviews,
    Zaitaku.Core.Publishing.IPublishedCache cache, Zaitaku.Infrastructure.Media.MediaLibrary mediaLibrary,
    Zaitaku.Web.Forms.FormCatalog forms, ILogger<ContentController> logger) : BackofficeController
{
    public sealed record TreeItem(ContentNode Node, string Name, DocumentType? Type, int Depth, bool CanEdit);

    [HttpGet("")]
    public async Task<IActionResult> ContentTree()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var nodes = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => !n.Trashed).OrderBy(n => n.SortOrder).ToListAsync();
        var items = new List<TreeItem>();
        foreach (var x in TreeOrder.Walk(nodes))
            items.Add(new TreeItem(x.Node, x.Node.DraftVersion?.Name ?? "", schema.FindDocumentType(x.Node.ContentTypeAlias), x.Depth,
                await MayAsync(ContentResource.Of(x.Node), BackofficeOperations.Edit)));
        // An association editor sees only what they may edit, not the shape of everyone else's work.
        if (!await CanPublishAsync()) items = items.Where(i => i.CanEdit).Select(i => i with { Depth = 0 }).ToList();
        return View(items);
    }

    public sealed class EditModel
    {
        public ContentNode Node { get; set; } = null!;
        public DocumentType Type { get; set; } = null!;
        public string Name { get; set; } = "";
        /// <summary>The last part of the page's address, which reviewers and the secretariat may change.</summary>
        public string UrlSegment { get; set; } = "";
        /// <summary>Whether this person may change the address here (a routable page below the home page).</summary>
        public bool CanChangeUrl { get; set; }
        /// <summary>The page's public address, when it is published.</summary>
        public string? PublishedUrl { get; set; }
        public Dictionary<string, string> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);
        public int BaseVersionId { get; set; }
        public bool CanPublish { get; set; }
        public string? PreviewHtml { get; set; }
        public ConflictInfo? Conflict { get; set; }
        public Dictionary<string, List<(Guid Key, string Name)>> PickerChoices { get; set; } = new();
        /// <summary>Forms that can be placed on a page (not the one shown on every page anyway).</summary>
        public List<(Guid Key, string Name)> FormChoices { get; set; } = [];
        /// <summary>The files this person may pick, by folder, for media pickers.</summary>
        public Dictionary<string, List<(string Folder, List<(Guid Key, string Label)> Files)>> MediaChoices { get; set; } = new(StringComparer.OrdinalIgnoreCase);
        public ContentVersion? Draft { get; set; }
        /// <summary>The request waiting in the reviewers' queue, if the node has one.</summary>
        public ReviewRequest? PendingReview { get; set; }
        /// <summary>A request a reviewer booked for publishing (予約済み), not yet carried out.</summary>
        public ReviewRequest? ScheduledReview { get; set; }
        /// <summary>For a reviewer: what the version in review changes against the published one.</summary>
        public IReadOnlyList<FieldDiff>? ReviewDiff { get; set; }
        /// <summary>The editor's note to the reviewer, as typed when asking.</summary>
        public string? ReviewNote { get; set; }
        /// <summary>The latest answer to a request, when it was a return with a comment.</summary>
        public ReviewRequest? Returned { get; set; }
        public string? ReviewComment { get; set; }
        /// <summary>The schedule as the form shows it: Japan time, as typed or as stored.</summary>
        public string? PublishAtText { get; set; }
        public string? UnpublishAtText { get; set; }
    }

    /// <summary>What another person saved since this editor opened the form.</summary>
    public sealed record ConflictInfo(string? SavedBy, DateTime SavedUtc, IReadOnlyList<(string Label, string Theirs)> Changes);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> ContentEdit(int id)
    {
        var (node, user) = await LoadAsync(id);
        if (node is null) return NotFound();
        if (user is null) return Challenge();
        var values = PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
        if (!await MayAsync(new ContentResource(node, values), BackofficeOperations.Edit)) return Forbid();
        var type = schema.GetDocumentType(node.ContentTypeAlias);
        var model = await BuildAsync(node, type, user);
        model.Name = node.DraftVersion.Name;
        model.UrlSegment = node.DraftVersion.UrlSegment;
        model.Values = type.Properties.ToDictionary(p => p.Alias, p => PropertyInput.ForForm(p, values.GetValueOrDefault(p.Alias)), StringComparer.OrdinalIgnoreCase);
        return View(model);
    }

    [HttpPost("{id:int}")]
    [FieldLabelsFrom(typeof(ContentEditLabels))]
    public async Task<IActionResult> ContentEdit(int id, string name, int baseVersionId, string command, string? reviewComment,
        string? publishAt, string? unpublishAt, string? urlSegment, [FromForm(Name = "Values")] Dictionary<string, string?>? typed,
        [FromServices] Readability.TextCheckGate textChecks, string? reviewNote = null, string? checkOverride = null)
    {
        var (node, user) = await LoadAsync(id);
        if (node is null) return NotFound();
        if (user is null) return Challenge();
        var stored = PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
        if (!await MayAsync(new ContentResource(node, stored), BackofficeOperations.Edit)) return Forbid();
        var canPublish = await CanPublishAsync();
        if (command is "publish" or "return" or "schedule" && !canPublish) return Forbid();

        var type = schema.GetDocumentType(node.ContentTypeAlias);
        typed ??= new Dictionary<string, string?>();
        var model = await BuildAsync(node, type, user);
        model.Name = (name ?? "").Trim();
        model.Values = type.Properties.ToDictionary(p => p.Alias, p => typed.GetValueOrDefault(p.Alias) ?? "", StringComparer.OrdinalIgnoreCase);
        model.BaseVersionId = baseVersionId;
        model.UrlSegment = model.CanChangeUrl && urlSegment is not null ? urlSegment.Trim().ToLowerInvariant() : node.DraftVersion.UrlSegment;
        if (model.UrlSegment != node.DraftVersion.UrlSegment
            && await content.UrlSegmentProblemAsync(model.UrlSegment, node.ParentId, node.Id) is { } urlProblem)
            ModelState.AddModelError("urlSegment", urlProblem);
        model.ReviewComment = reviewComment;
        model.ReviewNote = reviewNote;
        model.PublishAtText = publishAt;
        model.UnpublishAtText = unpublishAt;
        var now = clock.GetUtcNow().UtcDateTime;
        var publishAtUtc = command == "schedule" ? ReadScheduleTime("publishAt", publishAt, now) : null;
        var unpublishAtUtc = command == "schedule" ? ReadScheduleTime("unpublishAt", unpublishAt, now) : null;
        if (publishAtUtc is not null && unpublishAtUtc is not null && unpublishAtUtc <= publishAtUtc)
            ModelState.AddModelError("unpublishAt", "公開終了の日時は、公開の日時よりあとにしてください。");

        var picker = model.PickerChoices;
        var (values, errors) = PropertyInput.Read(type, schema, typed,
            key => picker.Values.Any(list => list.Any(choice => choice.Key == key)),
            key => model.MediaChoices.Values.Any(folders => folders.Any(folder => folder.Files.Any(file => file.Key == key))),
            key => model.FormChoices.Any(choice => choice.Key == key));
        if (command == "return") CheckReturn(model, reviewComment, "reviewComment");
        if (reviewNote is { Length: > 1000 })
            ModelState.AddModelError("reviewNote", "確認する人へのメモは1000文字以内にしてください。");
        if (model.Name.Length == 0) ModelState.AddModelError("Name", "ページ名を入力してください。");
        if (model.Name.Length > 255) ModelState.AddModelError("Name", "ページ名は255文字以内にしてください。");
        foreach (var error in errors) ModelState.AddModelError($"Values[{error.Alias}]", error.Message);
        // An association editor cannot hand a column to another association.
        if (!canPublish && !errors.Any(e => e.Alias == "association") && !await MayAsync(new ContentResource(node, values), BackofficeOperations.Edit))
            ModelState.AddModelError("Values[association]", "執筆団体は、ご自分の団体から変えられません。");

        if (command == "preview")
        {
            ModelState.Clear();
            model.PreviewHtml = markdown.ToHtml(values.GetValueOrDefault("body"));
            return View(model);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }
        // Errors the text checker finds hold publishing back, unless the reviewer writes why (audit trail).
        if ((command == "publish" || command == "schedule" && publishAtUtc is not null)
            && !await textChecks.AllowPublishAsync(type, values, checkOverride, ModelState, $"{node.Id} {model.Name}"))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }
        if (node.DraftVersionId != baseVersionId)
        {
            // Someone saved after this form was opened: never overwrite their work silently.
            var baseVersion = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == baseVersionId && v.NodeId == node.Id);
            model.Conflict = DescribeConflict(type, baseVersion, node.DraftVersion, stored);
            model.BaseVersionId = node.DraftVersionId!.Value;
            await audit.RecordAsync("content.conflict", $"{node.Id} {node.DraftVersion.Name}");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(model);
        }

        var me = User.Identity!.Name!;
        // Publishing, booking or returning what was sent is a decision, not a save: a version is written
        // only when the person changed something in the form as well.
        var changed = model.Name != node.DraftVersion.Name || model.UrlSegment != node.DraftVersion.UrlSegment
            || !SameValues(values, stored);
        var save = changed || command is "save" or "submit" ? new DraftSave(model.Name, model.UrlSegment, values) : null;
        try
        {
            switch (command)
            {
                case "publish":
                    await reviews.PublishAsync(node, save, me);
                    TempData["Message"] = changed ? $"「{model.Name}」を保存して公開しました。" : $"「{model.Name}」を公開しました。";
                    break;
                case "submit":
                    await reviews.RequestAsync(node, save!, me, reviewNote);
                    TempData["Message"] = $"「{model.Name}」の確認を依頼しました。確認者が公開するか、コメントをつけて差し戻します。";
                    break;
                case "schedule":
                    await reviews.ScheduleAsync(node, save, publishAtUtc, unpublishAtUtc, me);
                    TempData["Message"] = publishAtUtc is null && unpublishAtUtc is null
                        ? $"「{model.Name}」の予約を取り消しました。"
                        : $"「{model.Name}」を{(changed ? "保存し、" : "")}予約しました。";
                    break;
                case "return":
                    await reviews.ReturnAsync(node, save, reviewComment!.Trim(), me);
                    TempData["Message"] = $"「{model.Name}」をコメントをつけて差し戻しました。";
                    break;
                default:
                    await reviews.SaveAsync(node, save!, me);
                    TempData["Message"] = $"「{model.Name}」を下書きとして保存しました。公開中のページは変わりません。";
                    break;
            }
        }
        catch (Exception e) when (StorageFaults.Classify(e) is not StorageFault.None and var fault)
        {
            // The database or the disk cannot take the save just now: show the form again with everything typed.
            logger.LogError(e, "Saving node {NodeId} failed ({Fault})", node.Id, fault);
            ModelState.AddModelError("", fault == StorageFault.DiskFull
                ? "サーバーの保存領域がいっぱいのため、保存できませんでした。入力した内容はこの画面に残っています。事務局（システムの担当者）に連絡してください。"
                : "データベースに一時的につながらないため、保存できませんでした。入力した内容はこの画面に残っています。しばらくしてから、もう一度ボタンを押してください。");
            Response.StatusCode = StorageUnavailablePage.Describe(fault).Status;
            Response.Headers.RetryAfter = "30";
            return View(model);
        }
        // The browser's copy of the form (autosave) is now on the server.
        TempData["Saved"] = node.DraftVersionId!.Value;
        return RedirectToAction(nameof(ContentEdit), new { id });
    }

    /// <summary>
    /// Ends every preview link made so far for this page, before its seven days are up (a link went to
    /// the wrong person, or the draft should not be seen any more). Whoever may edit the page may do
    /// it: the editor who handed the link out, reviewers and administrators. Links made afterwards work.
    /// </summary>
    [HttpPost("{id:int}/preview-links/revoke")]
    public async Task<IActionResult> RevokePreviewLinks(int id)
    {
        var (node, user) = await LoadAsync(id);
        if (node is null) return NotFound();
        if (user is null) return Challenge();
        if (!await MayAsync(ContentResource.Of(node), BackofficeOperations.Edit)) return Forbid();
        node.PreviewLinksRevokedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await audit.RecordAsync("content.preview-revoked", target: $"{node.DraftVersion?.Name} (#{node.Id})");
        TempData["Message"] = "これまでに作ったプレビューのリンクを、すべて使えなくしました。";
        return RedirectToAction(nameof(ContentEdit), new { id });
    }

    /// <summary>
    /// The reviewer's answer from the top of the page: publish, book or return exactly the version that
    /// was sent for review. Nothing typed in the edit form below comes with it, so no version is written.
    /// </summary>
    [HttpPost("{id:int}/review")]
    public async Task<IActionResult> Review(int id, int versionId, string command, string? reviewComment, string? publishAt, string? unpublishAt,
        [FromServices] Readability.TextCheckGate textChecks, string? checkOverride = null)
    {
        var (node, user) = await LoadAsync(id);
        if (node is null) return NotFound();
        if (user is null) return Challenge();
        if (!await CanPublishAsync()) return Forbid();
        var type = schema.GetDocumentType(node.ContentTypeAlias);
        var model = await BuildAsync(node, type, user);
        model.Name = node.DraftVersion!.Name;
        model.UrlSegment = node.DraftVersion.UrlSegment;
        var values = PropertyValues.Deserialize(node.DraftVersion.ValuesJson);
        model.Values = type.Properties.ToDictionary(p => p.Alias, p => PropertyInput.ForForm(p, values.GetValueOrDefault(p.Alias)), StringComparer.OrdinalIgnoreCase);
        model.ReviewComment = reviewComment;
        model.PublishAtText = publishAt;
        model.UnpublishAtText = unpublishAt;
        var now = clock.GetUtcNow().UtcDateTime;
        var open = model.PendingReview ?? model.ScheduledReview;
        if (open is null)
            ModelState.AddModelError("", "このページには確認待ちの依頼がありません。");
        else if (open.VersionId != versionId || node.DraftVersionId != versionId)
        {
            // The editor saved again (or asked again) while the reviewer was reading: decide on what is there now.
            ModelState.AddModelError("", "確認している間に、このページが保存し直されました。表示し直した内容を確かめてから、もう一度選んでください。");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(ContentEdit), model);
        }
        DateTime? publishAtUtc = null, unpublishAtUtc = null;
        switch (command)
        {
            case "return":
                CheckReturn(model, reviewComment, "review-comment");
                break;
            case "schedule":
                publishAtUtc = ReadScheduleTime("review-publishAt", publishAt, now);
                unpublishAtUtc = ReadScheduleTime("review-unpublishAt", unpublishAt, now);
                if (publishAtUtc is null && string.IsNullOrWhiteSpace(publishAt))
                    ModelState.AddModelError("review-publishAt", "公開する日時を入力してください。");
                if (publishAtUtc is not null && unpublishAtUtc is not null && unpublishAtUtc <= publishAtUtc)
                    ModelState.AddModelError("review-unpublishAt", "公開終了の日時は、公開の日時よりあとにしてください。");
                break;
            case "publish":
                break;
            default:
                ModelState.AddModelError("", "公開・予約・差し戻しのどれかを選んでください。");
                break;
        }
        if (ModelState.IsValid && command is "publish" or "schedule")
            await textChecks.AllowPublishAsync(type, values, checkOverride, ModelState, $"{node.Id} {model.Name}", "review-checkOverride");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(ContentEdit), model);
        }
        var me = User.Identity!.Name!;
        switch (command)
        {
            case "publish":
                await reviews.PublishAsync(node, null, me);
                TempData["Message"] = $"「{model.Name}」を公開しました。";
                break;
            case "schedule":
                await reviews.ScheduleAsync(node, null, publishAtUtc, unpublishAtUtc, me);
                TempData["Message"] = $"「{model.Name}」を {AuditText.When(publishAtUtc!.Value)} に公開するよう予約しました。";
                break;
            default:
                await reviews.ReturnAsync(node, null, reviewComment!.Trim(), me);
                TempData["Message"] = $"「{model.Name}」をコメントをつけて差し戻しました。";
                break;
        }
        return RedirectToAction(nameof(ContentEdit), new { id });
    }

    private static bool SameValues(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Keys.Union(b.Keys).All(k => (a.GetValueOrDefault(k) ?? "") == (b.GetValueOrDefault(k) ?? ""));

    private void CheckReturn(EditModel model, string? reviewComment, string field)
    {
        if (model.PendingReview is null && model.ScheduledReview is null)
            ModelState.AddModelError("", "このページには確認待ちの依頼がありません。");
        else if (string.IsNullOrWhiteSpace(reviewComment))
            ModelState.AddModelError(field, "差し戻す理由を、編集者にわかるように書いてください。");
        else if (reviewComment.Length > 2000)
            ModelState.AddModelError(field, "コメントは2000文字以内にしてください。");
    }

    /// <summary>
    /// The live preview beside the Markdown editor: the same pipeline as the public page (Markdig, then
    /// the sanitizer), so what the editor sees is what readers will get.
    /// </summary>
    [HttpPost("preview-markdown")]
    [RequestSizeLimit(512 * 1024)]
    public IActionResult PreviewMarkdown([FromForm(Name = "markdown")] string? text)
    {
        if (text is { Length: > 200_000 })
            return BadRequest("本文が長すぎるため、プレビューできません（20万文字まで）。");
        return Content(markdown.ToHtml(text ?? ""), "text/html; charset=utf-8");
    }

    /// <summary>Reads a datetime-local value typed in Japan time; empty means no schedule.</summary>
    private DateTime? ReadScheduleTime(string field, string? typed, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (!DateTime.TryParseExact(typed.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"],
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var japanTime))
        {
            ModelState.AddModelError(field, "日時は「2025-01-10 09:00」の形で入力してください。");
            return null;
        }
        var utc = Zaitaku.Core.Dates.JapaneseDates.JapanTimeToUtc(japanTime);
        if (utc <= nowUtc) ModelState.AddModelError(field, "過去の日時は予約できません。すぐに公開するときは「保存して公開」を使ってください。");
        return utc;
    }

    private async Task<(ContentNode? Node, EditorUser? User)> LoadAsync(int id)
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion).Include(n => n.PublishedVersion)
            .SingleOrDefaultAsync(n => n.Id == id && !n.Trashed);
        // A page under a deleted one is in the recycle bin with it: restore it there first.
        if (node?.DraftVersion is null || await content.IsInRecycleBinAsync(node.Id)) node = null;
        return (node, await users.GetUserAsync(User));
    }

    private async Task<EditModel> BuildAsync(ContentNode node, DocumentType type, EditorUser user)
    {
        var canPublish = await CanPublishAsync();
        var model = new EditModel
        {
            Node = node, Type = type, BaseVersionId = node.DraftVersionId!.Value, Draft = node.DraftVersion,
            CanPublish = canPublish,
            CanChangeUrl = canPublish && node.ParentId is not null && type.IsRoutable,
            PublishedUrl = cache.Current.GetById(node.Id)?.Url,
        };
        var latest = await db.ReviewRequests.AsNoTracking().Where(r => r.NodeId == node.Id)
            .OrderByDescending(r => r.RequestedUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync();
        model.PendingReview = latest?.State == ReviewState.Pending ? latest : null;
        model.ScheduledReview = latest?.State == ReviewState.Scheduled ? latest : null;
        if (model.CanPublish && (model.PendingReview ?? model.ScheduledReview) is { } open)
        {
            var sent = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.Id == open.VersionId);
            model.ReviewDiff = VersionDiff.Fields(type, node.PublishedVersion, sent);
        }
        model.PublishAtText = node.PublishAtUtc is { } p ? Zaitaku.Core.Dates.JapaneseDates.ToJapanTime(p).ToString("yyyy-MM-ddTHH:mm") : null;
        model.UnpublishAtText = node.UnpublishAtUtc is { } u ? Zaitaku.Core.Dates.JapaneseDates.ToJapanTime(u).ToString("yyyy-MM-ddTHH:mm") : null;
        model.Returned = latest?.State == ReviewState.Returned ? latest : null;
        foreach (var property in type.Properties.Where(p => p.EditorAlias == PropertyEditors.ContentPicker))
        {
            var target = property.Alias switch
            {
                "association" => "association",
                "contact" or "defaultContact" => "contactPoint",
                _ => null,
            };
            var choices = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
                .Where(n => !n.Trashed && (target == null || n.ContentTypeAlias == target))
                .OrderBy(n => n.SortOrder).Select(n => new { n.Key, n.DraftVersion!.Name }).ToListAsync();
            var list = choices.Select(c => (c.Key, c.Name)).ToList();
            if (property.Alias == "association" && !canPublish)
                list = list.Where(c => c.Key == user.AssociationKey).ToList();
            model.PickerChoices[property.Alias] = list;
        }
        if (type.Properties.Any(p => p.EditorAlias == PropertyEditors.FormPicker))
        {
            // An association editor places their own association's forms; a form the secretariat
            // already placed stays choosable, so saving the page does not take it away.
            var placed = PropertyValues.Deserialize(node.DraftVersion?.ValuesJson ?? "{}").Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var granted = (await AllowedAsync(forms.All.Where(f => !f.OnEveryPage), BackofficeOperations.Edit)).ToHashSet();
            model.FormChoices = forms.All
                .Where(f => !f.OnEveryPage && (granted.Contains(f) || placed.Contains(f.Key.ToString())))
                .Select(f => (f.Key, f.Name)).ToList();
        }
        // The files this person may use at all; each picker then offers the kind it takes.
        var usable = type.Properties.Any(p => p.EditorAlias == PropertyEditors.MediaPicker)
            ? await AllowedAsync(mediaLibrary.All.Where(m => m.Kind != Zaitaku.Core.Media.MediaKind.Folder && !mediaLibrary.IsInRecycleBin(m)), BackofficeOperations.Use)
            : [];
        foreach (var property in type.Properties.Where(p => p.EditorAlias == PropertyEditors.MediaPicker))
        {
            // "Image" pickers offer images, "File" pickers documents (the data type's filter, as in Umbraco).
            var kind = schema.FindDataType(property.DataTypeKey)?.MediaFilter() switch
            {
                "Image" => Zaitaku.Core.Media.MediaKind.Image,
                "File" => Zaitaku.Core.Media.MediaKind.Document,
                _ => (Zaitaku.Core.Media.MediaKind?)null,
            };
            model.MediaChoices[property.Alias] = usable
                .Where(m => kind is null || m.Kind == kind)
                .GroupBy(m => mediaLibrary.TopFolder(m)?.Name ?? "")
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, g.OrderBy(m => m.Name).Select(m => (m.Key, $"{m.Name}（{Zaitaku.Infrastructure.Media.MediaText.Describe(m)}）")).ToList()))
                .ToList();
        }
        return model;
    }

    /// <summary>The fields the other person changed between the version this editor started from and theirs.</summary>
    private static ConflictInfo DescribeConflict(DocumentType type, ContentVersion? started, ContentVersion theirs, IReadOnlyDictionary<string, string> theirValues)
    {
        var before = PropertyValues.Deserialize(started?.ValuesJson ?? "{}");
        var changes = new List<(string, string)>();
        if (started?.Name != theirs.Name) changes.Add(("ページ名", theirs.Name));
        foreach (var p in type.Properties)
        {
            var now = theirValues.GetValueOrDefault(p.Alias) ?? "";
            if ((before.GetValueOrDefault(p.Alias) ?? "") != now) changes.Add((p.Name, PropertyInput.ForForm(p, now)));
        }
        return new ConflictInfo(theirs.CreatedBy, theirs.CreatedUtc, changes);
    }
}
