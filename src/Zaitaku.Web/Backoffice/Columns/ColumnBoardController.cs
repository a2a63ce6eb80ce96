using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>
/// The 広報つながり schedule board: every slot with its issue, theme, association, due date and state.
/// Association editors see their own slots; the secretariat sees all, adds a single issue or a whole
/// year's rotation, and hands a slot to another association.
/// </summary>
[Route("umbraco/columns")]
public sealed class ColumnBoardController(
    ColumnSlots slots, ZaitakuDbContext db, ContentService content, AuditTrail audit, TimeProvider clock) : BackofficeController
{
    /// <summary>The theme of a slot whose theme the association or the secretariat will choose later.</summary>
    public const string ThemeToFill = "テーマ未定";

    public sealed class SlotForm
    {
        [Display(Name = "発行日")]
        [Required(ErrorMessage = "発行日を入力してください。")]
        public DateOnly? IssueDate { get; set; }

        [Display(Name = "テーマ")]
        [Required(ErrorMessage = "テーマを入力してください。")]
        [StringLength(200, ErrorMessage = "テーマは200文字以内にしてください。")]
        public string Theme { get; set; } = "";

        [Display(Name = "執筆団体")]
        [Required(ErrorMessage = "執筆団体を選んでください。")]
        public Guid? Association { get; set; }

        [Display(Name = "原稿の締切日")]
        public DateOnly? DueDate { get; set; }
    }

    /// <summary>A year's rotation: one line per issue, the associations taking turns from the first one chosen.</summary>
    public sealed class RotationForm
    {
        public string Issues { get; set; } = "";
        public Guid? FirstAssociation { get; set; }
        public string DaysBeforeIssue { get; set; } = "30";
    }

    public sealed record BoardModel(IReadOnlyList<ColumnSlot> Slots, bool CanAdd, SlotForm Form, RotationForm Rotation,
        IReadOnlyList<(Guid Key, string Name)> Associations, DateOnly Today);

    [HttpGet("")]
    public async Task<IActionResult> ColumnBoard() => View(await BuildAsync(new SlotForm(), new RotationForm()));

    [HttpPost("slots")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> AddSlot(SlotForm form)
    {
        var model = await BuildAsync(form, new RotationForm());
        var list = await ColumnListAsync();
        if (form.Association is { } a && model.Associations.All(x => x.Key != a))
            ModelState.AddModelError(nameof(SlotForm.Association), "執筆団体を一覧から選んでください。");
        if (form.DueDate is { } due && form.IssueDate is { } issue && due > issue)
            ModelState.AddModelError(nameof(SlotForm.DueDate), "締切日は発行日より前にしてください。");
        if (form.IssueDate is { } day && list is not null && (await TakenIssueDatesAsync(list.Id)).Contains(day))
            ModelState.AddModelError(nameof(SlotForm.IssueDate), "この発行日の号はすでにあります。");
        if (list is null) ModelState.AddModelError("", "コラム一覧のページがないため、号を追加できません。");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(ColumnBoard), model);
        }
        var node = await CreateSlotAsync(list!, form.IssueDate!.Value, form.Theme.Trim(), form.Association!.Value, form.DueDate);
        await audit.RecordAsync("column.slot-added", $"{node.Id} {form.Theme.Trim()}", form.IssueDate.Value.ToString("yyyy-MM-dd"));
        TempData["Message"] = $"{JapaneseDates.Format(form.IssueDate.Value)}号「{form.Theme.Trim()}」を追加しました。";
        return RedirectToAction(nameof(ColumnBoard));
    }

    /// <summary>Adds a whole rotation at once: every line is checked first, and nothing is added unless all are right.</summary>
    [HttpPost("rotation")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> AddRotation(RotationForm rotation)
    {
        var model = await BuildAsync(new SlotForm(), rotation);
        var list = await ColumnListAsync();
        var taken = list is null ? [] : await TakenIssueDatesAsync(list.Id);
        var issues = new List<(DateOnly Date, string Theme)>();
        var lines = (rotation.Issues ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Normalize(System.Text.NormalizationForm.FormKC).Trim();
            if (line.Length == 0) continue;
            var parts = line.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var theme = parts.Length > 1 ? parts[1] : ThemeToFill;
            if (!DateOnly.TryParseExact(parts[0], ["yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                ModelState.AddModelError(nameof(RotationForm.Issues), $"{i + 1}行目：「{parts[0]}」を日付として読めません。「2027-04-15」の形で書いてください。");
            else if (taken.Contains(date) || issues.Any(x => x.Date == date))
                ModelState.AddModelError(nameof(RotationForm.Issues), $"{i + 1}行目：{JapaneseDates.Format(date)}の号はすでにあります。");
            else if (theme.Length > 200)
                ModelState.AddModelError(nameof(RotationForm.Issues), $"{i + 1}行目：テーマは200文字以内にしてください。");
            else
                issues.Add((date, theme));
        }
        if (issues.Count == 0 && ModelState.IsValid)
            ModelState.AddModelError(nameof(RotationForm.Issues), "発行日を1行に1つずつ入力してください。");
        if (issues.Count > 48)
            ModelState.AddModelError(nameof(RotationForm.Issues), "一度に追加できるのは48号までです。");
        var firstIndex = rotation.FirstAssociation is { } first ? model.Associations.ToList().FindIndex(x => x.Key == first) : -1;
        if (firstIndex < 0)
            ModelState.AddModelError(nameof(RotationForm.FirstAssociation), "最初に担当する団体を一覧から選んでください。");
        var daysText = (rotation.DaysBeforeIssue ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        int days = 0;
        if (daysText.Length > 0 && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > 120))
            ModelState.AddModelError(nameof(RotationForm.DaysBeforeIssue), "締切は、発行日の0日前から120日前までの数で入力してください（空なら締切なし）。");
        if (list is null) ModelState.AddModelError("", "コラム一覧のページがないため、号を追加できません。");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(ColumnBoard), model);
        }

        // Associations take turns in the order of the associations list, starting from the one chosen.
        var ordered = issues.OrderBy(x => x.Date).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (date, theme) = ordered[i];
            var association = model.Associations[(firstIndex + i) % model.Associations.Count];
            var node = await CreateSlotAsync(list!, date, theme, association.Key, daysText.Length > 0 ? date.AddDays(-days) : null);
            await audit.RecordAsync("column.slot-added", $"{node.Id} {theme}", date.ToString("yyyy-MM-dd"));
        }
        TempData["Message"] = $"{JapaneseDates.Format(ordered[0].Date)}号から{JapaneseDates.Format(ordered[^1].Date)}号まで、{ordered.Count}号を追加しました。";
        return RedirectToAction(nameof(ColumnBoard));
    }

    /// <summary>Hands a slot that is not yet on the public site to another association.</summary>
    [HttpPost("{id:int}/association")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> MoveSlot(int id, Guid? association)
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion)
            .SingleOrDefaultAsync(n => n.Id == id && n.ContentTypeAlias == "column" && !n.Trashed);
        if (node?.DraftVersion is null) return NotFound();
        var slot = (await slots.AllAsync()).Single(s => s.NodeId == id);
        var model = await BuildAsync(new SlotForm(), new RotationForm());
        var target = model.Associations.FirstOrDefault(a => a.Key == association);
        if (target.Key == Guid.Empty)
            ModelState.AddModelError($"association-{id}", "移す先の団体を一覧から選んでください。");
        else if (slot.State is SlotState.Published or SlotState.Scheduled)
            ModelState.AddModelError($"association-{id}", $"「{slot.Theme}」は{ColumnSlot.Label(slot.State)}のため、ここでは移せません。編集画面で執筆団体を変えて公開してください。");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(ColumnBoard), model);
        }
        if (slot.AssociationKey != target.Key)
        {
            var values = new Dictionary<string, string>(PropertyValues.Deserialize(node.DraftVersion.ValuesJson))
            {
                ["association"] = PropertyValues.DocumentUdi(target.Key),
            };
            await content.SaveDraftAsync(node, node.DraftVersion.Name, node.DraftVersion.UrlSegment, values, User.Identity!.Name);
            await audit.RecordAsync("column.slot-moved", $"{node.Id} {slot.Theme}", $"{slot.AssociationName} → {target.Name}");
        }
        TempData["Message"] = $"{JapaneseDates.Format(slot.IssueDate)}号「{slot.Theme}」の担当を{target.Name}にしました。";
        return RedirectToAction(nameof(ColumnBoard));
    }

    private Task<ContentNode?> ColumnListAsync() =>
        db.ContentNodes.SingleOrDefaultAsync(n => n.ContentTypeAlias == "columnList" && !n.Trashed);

    private async Task<HashSet<DateOnly>> TakenIssueDatesAsync(int listId)
    {
        var segments = await db.ContentNodes.Where(n => n.ParentId == listId && !n.Trashed)
            .Select(n => n.DraftVersion!.UrlSegment).ToListAsync();
        return segments.Select(s => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>().ToHashSet();
    }

    /// <summary>A slot waits as an unpublished draft, made in the name of whoever added it, until its association writes it.</summary>
    private async Task<ContentNode> CreateSlotAsync(ContentNode list, DateOnly issueDate, string theme, Guid association, DateOnly? dueDate)
    {
        var segment = issueDate.ToString("yyyy-MM-dd");
        var values = new Dictionary<string, string>
        {
            ["issueDate"] = segment,
            ["theme"] = theme,
            ["association"] = PropertyValues.DocumentUdi(association),
            ["sampleBody"] = "false",
        };
        if (dueDate is { } due) values["dueDate"] = due.ToString("yyyy-MM-dd");
        return await content.CreateAsync(list.Id, "column", theme, segment, values, await content.NextSortOrderAsync(list.Id), User.Identity!.Name);
    }

    private async Task<BoardModel> BuildAsync(SlotForm form, RotationForm rotation)
    {
        var all = await slots.AllAsync();
        var mine = await AllowedAsync(all, Access.BackofficeOperations.Edit);
        var associations = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "association" && !n.Trashed).OrderBy(n => n.SortOrder)
            .Select(n => new { n.Key, n.DraftVersion!.Name }).ToListAsync();
        return new BoardModel(mine, User.IsInRole(UserGroups.Administrators), form, rotation,
            associations.Select(a => (a.Key, a.Name)).ToList(), JapaneseDates.JapanDate(clock.GetUtcNow().UtcDateTime));
    }
}
