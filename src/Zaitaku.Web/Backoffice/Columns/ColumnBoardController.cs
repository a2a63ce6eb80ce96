using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>
/// The 広報つながり schedule board: every slot with its issue, theme, association, due date and state.
/// Association editors see their own slots; the secretariat sees all and adds the next series.
/// </summary>
[Route("umbraco/columns")]
[Authorize(Policy = BackofficeSetup.EditorsPolicy)]
[RequireTwoFactorWhenMandatory]
[AutoValidateAntiforgeryToken]
public sealed class ColumnBoardController(
    ColumnSlots slots, ZaitakuDbContext db, ContentService content, UserManager<EditorUser> users, AuditTrail audit) : Controller
{
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

    public sealed record BoardModel(IReadOnlyList<ColumnSlot> Slots, bool CanAdd, SlotForm Form, IReadOnlyList<(Guid Key, string Name)> Associations);

    [HttpGet("")]
    public async Task<IActionResult> ColumnBoard() => View(await BuildAsync(new SlotForm()));

    [HttpPost("slots")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> AddSlot(SlotForm form)
    {
        var model = await BuildAsync(form);
        var list = await db.ContentNodes.SingleOrDefaultAsync(n => n.ContentTypeAlias == "columnList" && !n.Trashed);
        if (form.Association is { } a && model.Associations.All(x => x.Key != a))
            ModelState.AddModelError(nameof(SlotForm.Association), "執筆団体を一覧から選んでください。");
        if (form.DueDate is { } due && form.IssueDate is { } issue && due > issue)
            ModelState.AddModelError(nameof(SlotForm.DueDate), "締切日は発行日より前にしてください。");
        var segment = form.IssueDate?.ToString("yyyy-MM-dd");
        if (segment is not null && await db.ContentVersions.AnyAsync(v => v.UrlSegment == segment &&
                db.ContentNodes.Any(n => n.Id == v.NodeId && n.DraftVersionId == v.Id && n.ParentId == list!.Id && !n.Trashed)))
            ModelState.AddModelError(nameof(SlotForm.IssueDate), "この発行日の号はすでにあります。");
        if (list is null) ModelState.AddModelError("", "コラム一覧のページがないため、号を追加できません。");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(ColumnBoard), model);
        }
        var values = new Dictionary<string, string>
        {
            ["issueDate"] = segment!,
            ["theme"] = form.Theme.Trim(),
            ["association"] = PropertyValues.DocumentUdi(form.Association!.Value),
            ["sampleBody"] = "false",
        };
        if (form.DueDate is { } dueDate) values["dueDate"] = dueDate.ToString("yyyy-MM-dd");
        var sortOrder = await db.ContentNodes.Where(n => n.ParentId == list!.Id).Select(n => (int?)n.SortOrder).MaxAsync() ?? 0;
        // The slot waits as an unpublished draft until its association writes it and a reviewer publishes it.
        var node = await content.CreateAsync(list!.Id, "column", form.Theme.Trim(), segment!, values, sortOrder + 1, ColumnSlots.SeedUser);
        await audit.RecordAsync("column.slot-added", $"{node.Id} {form.Theme.Trim()}", segment);
        TempData["Message"] = $"{Zaitaku.Core.Dates.JapaneseDates.Format(form.IssueDate!.Value)}号「{form.Theme.Trim()}」を追加しました。";
        return RedirectToAction(nameof(ColumnBoard));
    }

    private async Task<BoardModel> BuildAsync(SlotForm form)
    {
        var all = await slots.AllAsync();
        var user = await users.GetUserAsync(User);
        var mine = Zaitaku.Web.Backoffice.Content.ContentScope.CanPublish(User) ? all : all.Where(s => s.AssociationKey == user?.AssociationKey).ToList();
        var associations = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => n.ContentTypeAlias == "association" && !n.Trashed).OrderBy(n => n.SortOrder)
            .Select(n => new { n.Key, n.DraftVersion!.Name }).ToListAsync();
        return new BoardModel(mine, User.IsInRole(UserGroups.Administrators), form, associations.Select(a => (a.Key, a.Name)).ToList());
    }
}
