using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Forms;

namespace Zaitaku.Web.Backoffice.Forms;

/// <summary>
/// A form's entries: list, view, mark handled, cancel a place, delete, export to CSV. Every list,
/// view and export is written to the audit trail, since each shows personal data.
/// </summary>
[Route("umbraco/forms")]
public sealed class FormEntriesController(
    ZaitakuDbContext db, FormEntries entries, FormCatalog catalog, AuditTrail audit) : BackofficeController
{
    public const int PageSize = 50;

    public sealed record EntryRow(FormEntry Entry, string Summary);
    public sealed record EntryListModel(FormDefinition Form, List<EntryRow> Rows, string? Status, int PageNumber, int Total, int Waiting,
        RatingSummary? Ratings);

    /// <summary>For the page feedback form: how each page was rated, worst first, so the secretariat knows what to improve.</summary>
    public sealed record RatingSummary(string Question, IReadOnlyList<string> Options, IReadOnlyList<(string PageUrl, int[] Counts)> Pages);
    public sealed record EntryViewModel(FormDefinition Form, FormEntry Entry, IReadOnlyList<EntryValue> Values);

    [HttpGet("{id:int}/entries")]
    public async Task<IActionResult> List(int id, string? status, int page = 1)
    {
        if (await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id) is not { } form) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormId == id);
        query = status switch
        {
            "unhandled" => query.Where(e => e.HandledUtc == null),
            "confirmed" => query.Where(e => e.Status == EntryStatus.Confirmed),
            "waiting" => query.Where(e => e.Status == EntryStatus.Waiting),
            "cancelled" => query.Where(e => e.Status == EntryStatus.Cancelled),
            _ => query,
        };
        var total = await query.CountAsync();
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var list = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var waiting = await db.FormEntries.CountAsync(e => e.FormId == id && e.Status == EntryStatus.Waiting);
        // The list shows each entry's first short answer (usually a name): that is a view of personal data too.
        var nameField = form.GetFields().FirstOrDefault(f => f.Type == FormFieldType.ShortText)?.Key;
        var rows = list.Select(e => new EntryRow(e, Summary(entries.Read(e), nameField))).ToList();
        await audit.RecordAsync("forms.entries.list", form.Name, $"{rows.Count}件を表示（{page}ページ目）");
        return View("EntryList", new EntryListModel(form, rows, status, page, total, waiting, form.OnEveryPage ? await RatingsAsync(form) : null));
    }

    [HttpGet("entries/{key:guid}")]
    public async Task<IActionResult> Show(Guid key)
    {
        if (await EntryFor(key) is not var (form, entry)) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        await audit.RecordAsync("forms.entry.view", form.Name, $"受付番号 {entry.Receipt}");
        return View("EntryView", new EntryViewModel(form, entry, entries.Read(entry)));
    }

    [HttpPost("entries/{key:guid}/handled")]
    public async Task<IActionResult> Handled(Guid key, bool handled)
    {
        if (await EntryFor(key) is not var (form, entry)) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        await entries.MarkHandledAsync(entry, handled, User.Identity!.Name!);
        await audit.RecordAsync(handled ? "forms.entry.handled" : "forms.entry.unhandled", form.Name, $"受付番号 {entry.Receipt}");
        TempData["Message"] = handled ? $"受付番号 {entry.Receipt} を対応済みにしました。" : $"受付番号 {entry.Receipt} を未対応に戻しました。";
        return Redirect($"/umbraco/forms/entries/{entry.Key:N}");
    }

    [HttpPost("entries/{key:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid key)
    {
        if (await EntryFor(key) is not var (form, entry)) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        if (entry.Status is not (EntryStatus.Confirmed or EntryStatus.Waiting))
        {
            TempData["Message"] = "この受付は取り消せません（参加確定かキャンセル待ちの受付だけ取り消せます）。";
            return Redirect($"/umbraco/forms/entries/{entry.Key:N}");
        }
        var promoted = await entries.CancelAsync(form, entry);
        await catalog.RefreshAsync(); // the form shows how many places are left
        await audit.RecordAsync("forms.entry.cancel", form.Name, $"受付番号 {entry.Receipt}" + (promoted is null ? "" : $"（受付番号 {promoted.Receipt} がキャンセル待ちから確定）"));
        TempData["Message"] = $"受付番号 {entry.Receipt} を取り消しました。" + (promoted is null ? "" : $"キャンセル待ちの受付番号 {promoted.Receipt} が参加確定になりました。");
        return Redirect($"/umbraco/forms/entries/{entry.Key:N}");
    }

    [HttpGet("entries/{key:guid}/delete")]
    public async Task<IActionResult> Delete(Guid key)
    {
        if (await EntryFor(key) is not var (form, entry)) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        return View("EntryDelete", new EntryViewModel(form, entry, []));
    }

    [HttpPost("entries/{key:guid}/delete")]
    public async Task<IActionResult> DeleteConfirmed(Guid key)
    {
        if (await EntryFor(key) is not var (form, entry)) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        await entries.DeleteAsync(form, entry);
        await catalog.RefreshAsync();
        await audit.RecordAsync("forms.entry.delete", form.Name, $"受付番号 {entry.Receipt}");
        TempData["Message"] = $"受付番号 {entry.Receipt} を削除しました。";
        return Redirect($"/umbraco/forms/{form.Id}/entries");
    }

    /// <summary>Every entry of the form as CSV that Excel opens correctly: UTF-8 with a BOM, CRLF, Japanese headers.</summary>
    [HttpGet("{id:int}/entries.csv")]
    public async Task<IActionResult> Export(int id)
    {
        if (await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id) is not { } form) return NotFound();
        if (!await CanSeeAsync(form)) return Forbid();
        var list = await db.FormEntries.AsNoTracking().Where(e => e.FormId == id).OrderBy(e => e.Id).ToListAsync();
        var answers = list.Select(e => (Entry: e, Values: (IReadOnlyList<EntryValue>)entries.Read(e))).ToList();
        var csv = EntriesCsv.Write(form, answers, FormEntries.StatusText);
        await audit.RecordAsync("forms.entries.export", form.Name, $"{list.Count}件を CSV に書き出し");
        var fileName = Zaitaku.Infrastructure.Media.MediaService.WithoutInvisible($"{form.Name}_受付_{JapaneseDates.ToJapanTime(DateTime.UtcNow):yyyyMMdd}.csv");
        return File(csv, "text/csv; charset=utf-8", fileName);
    }

    private async Task<RatingSummary?> RatingsAsync(FormDefinition form)
    {
        if (form.GetFields().FirstOrDefault(f => f.Type == FormFieldType.SingleChoice) is not { } question) return null;
        var all = await db.FormEntries.AsNoTracking().Where(e => e.FormId == form.Id).ToListAsync();
        var pages = all.GroupBy(e => e.PageUrl ?? "（ページ不明）").Select(g =>
        {
            var counts = new int[question.Options.Count];
            foreach (var entry in g)
                if (entries.Read(entry).FirstOrDefault(v => v.FieldKey == question.Key) is { } answer && question.Options.IndexOf(answer.Value) is >= 0 and var i)
                    counts[i]++;
            return (g.Key, counts);
        })
            // The last option is the worst ("役に立たなかった"): pages most often rated so come first.
            .OrderByDescending(p => p.counts.Length > 0 ? p.counts[^1] : 0).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        return new RatingSummary(question.Label, question.Options, pages);
    }

    private Task<bool> CanSeeAsync(FormDefinition form) => MayAsync(form, Access.BackofficeOperations.Edit);

    private async Task<(FormDefinition Form, FormEntry Entry)?> EntryFor(Guid key)
    {
        var entry = await db.FormEntries.FirstOrDefaultAsync(e => e.Key == key);
        return entry is null ? null : (await db.Forms.FirstAsync(f => f.Id == entry.FormId), entry);
    }

    private static string Summary(IReadOnlyList<EntryValue> values, Guid? nameField) =>
        (values.FirstOrDefault(v => v.FieldKey == nameField) ?? values.FirstOrDefault())?.Value is { } v ? Shorten(v) : "";

    private static string Shorten(string value) => value.Length <= 30 ? value.ReplaceLineEndings(" ") : value[..30].ReplaceLineEndings(" ") + "…";
}
