using System.Globalization;
using Asp.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Forms.Backoffice;

/// <summary>
/// The フォーム section's server side, in Umbraco's Management API (/umbraco/management/api/v1/zaitaku/forms): the forms,
/// a form's entries (list, view, mark handled, cancel a place, delete) and the CSV for Excel. Only users whose group has
/// the section get anything (<see cref="FormsSection"/>); every view, export and change of personal data goes into
/// Umbraco's audit log under the user who did it.
/// </summary>
[ApiVersion("1.0")]
[VersionedApiBackOfficeRoute("zaitaku/forms")]
[ApiExplorerSettings(GroupName = "Zaitaku Forms")]
[Authorize(Policy = FormsSection.Policy)]
public sealed class FormEntriesApiController(
    FormCatalog catalog,
    FormEntries entries,
    DistributedCache distributedCache,
    IAuditService audit,
    IBackOfficeSecurityAccessor security,
    SiteClock clock) : ManagementApiControllerBase
{
    public sealed record FormSummary(Guid Key, string Name, int Entries, int Unhandled, int? Capacity, int Confirmed, int Waiting);
    public sealed record EntryRow(Guid Key, string Receipt, DateTimeOffset Received, string Status, bool Handled, string Summary);
    public sealed record EntryAnswer(string Question, string Answer);
    public sealed record EntryDetail(Guid Key, Guid FormKey, string FormName, string Receipt, DateTimeOffset Received, string Status,
        bool Handled, string? HandledBy, string? PageUrl, bool CanCancel, IReadOnlyList<EntryAnswer> Answers);
    public sealed record Message(string Text);
    public sealed record HandledChange(bool Handled);

    [HttpGet("")]
    public async Task<IReadOnlyList<FormSummary>> All()
    {
        var forms = await catalog.AllAsync();
        var list = new List<FormSummary>();
        foreach (var form in forms)
        {
            var all = await entries.ListAsync(form.Id);
            list.Add(new FormSummary(form.Key, form.Name, all.Count, all.Count(e => e.HandledUtc is null), form.Capacity,
                all.Count(e => e.Status == EntryStatus.Confirmed), all.Count(e => e.Status == EntryStatus.Waiting)));
        }
        return list;
    }

    [HttpGet("{formKey:guid}/entries")]
    public async Task<IActionResult> Entries(Guid formKey, string? status = null)
    {
        if (await catalog.FindAsync(formKey) is not { } form) return NotFoundInJapanese("フォームが見つかりません。");
        var all = await entries.ListAsync(form.Id);
        IEnumerable<FormEntry> shown = status switch
        {
            "unhandled" => all.Where(e => e.HandledUtc is null),
            "confirmed" => all.Where(e => e.Status == EntryStatus.Confirmed),
            "waiting" => all.Where(e => e.Status == EntryStatus.Waiting),
            "cancelled" => all.Where(e => e.Status == EntryStatus.Cancelled),
            _ => all,
        };
        // The list shows each entry's first short answer (usually a name): a view of personal data too.
        var nameField = form.GetFields().FirstOrDefault(f => f.Type == Zaitaku.Core.Forms.FormFieldType.ShortText)?.Key;
        var rows = shown.OrderByDescending(e => e.Id).Select(e => new EntryRow(e.Key, e.Receipt, Received(e), FormEntries.StatusText(e.Status),
            e.HandledUtc is not null, entries.Read(e).FirstOrDefault(v => v.FieldKey == nameField)?.Value ?? "")).ToList();
        await AuditAsync($"フォーム「{form.Name}」の受付 {rows.Count} 件を表示");
        return Ok(rows);
    }

    [HttpGet("entries/{entryKey:guid}")]
    public async Task<IActionResult> Entry(Guid entryKey)
    {
        if (await FindAsync(entryKey) is not var (form, entry)) return NotFoundInJapanese("受付が見つかりません。削除されたか、保存期間を過ぎています。");
        await AuditAsync($"フォーム「{form.Name}」の受付番号 {entry.Receipt} を表示");
        return Ok(Detail(form, entry));
    }

    [HttpPost("entries/{entryKey:guid}/handled")]
    public async Task<IActionResult> Handled(Guid entryKey, HandledChange change)
    {
        if (await FindAsync(entryKey) is not var (form, entry)) return NotFoundInJapanese("受付が見つかりません。");
        await entries.MarkHandledAsync(entryKey, change.Handled, CurrentUser?.Name ?? "");
        await AuditAsync($"フォーム「{form.Name}」の受付番号 {entry.Receipt} を{(change.Handled ? "対応済み" : "未対応")}に変更");
        return Ok(new Message(change.Handled ? $"受付番号 {entry.Receipt} を対応済みにしました。" : $"受付番号 {entry.Receipt} を未対応に戻しました。"));
    }

    [HttpPost("entries/{entryKey:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid entryKey)
    {
        if (await FindAsync(entryKey) is not var (form, entry)) return NotFoundInJapanese("受付が見つかりません。");
        if (entry.Status is not (EntryStatus.Confirmed or EntryStatus.Waiting))
            return Conflict(new ProblemDetails
            {
                Title = "この受付は取り消せません",
                Detail = "参加確定かキャンセル待ちの受付だけ取り消せます。",
                Status = StatusCodes.Status409Conflict,
            });
        var promoted = await entries.CancelAsync(entryKey);
        // The form's page shows how many places are left, on every server.
        distributedCache.RefreshAll(FormCacheRefresher.UniqueId);
        await AuditAsync($"フォーム「{form.Name}」の受付番号 {entry.Receipt} を取り消し" + (promoted is null ? "" : $"（受付番号 {promoted.Receipt} がキャンセル待ちから確定）"));
        return Ok(new Message($"受付番号 {entry.Receipt} を取り消しました。" + (promoted is null ? "" : $"キャンセル待ちの受付番号 {promoted.Receipt} が参加確定になりました。")));
    }

    [HttpDelete("entries/{entryKey:guid}")]
    public async Task<IActionResult> Delete(Guid entryKey)
    {
        if (await FindAsync(entryKey) is not var (form, entry)) return NotFoundInJapanese("受付が見つかりません。");
        await entries.DeleteAsync(entryKey);
        distributedCache.RefreshAll(FormCacheRefresher.UniqueId);
        await AuditAsync($"フォーム「{form.Name}」の受付番号 {entry.Receipt} を削除");
        return Ok(new Message($"受付番号 {entry.Receipt} を削除しました。"));
    }

    /// <summary>Every entry of the form as CSV that Excel opens correctly: UTF-8 with a BOM, CRLF, Japanese headers.</summary>
    [HttpGet("{formKey:guid}/entries.csv")]
    public async Task<IActionResult> Export(Guid formKey)
    {
        if (await catalog.FindAsync(formKey) is not { } form) return NotFoundInJapanese("フォームが見つかりません。");
        var answers = (await entries.ListAsync(form.Id)).OrderBy(e => e.Id)
            .Select(e => (Entry: e, Values: (IReadOnlyList<Zaitaku.Core.Forms.EntryValue>)entries.Read(e))).ToList();
        var csv = EntriesCsv.Write(form, answers, FormEntries.StatusText);
        await AuditAsync($"フォーム「{form.Name}」の受付 {answers.Count} 件を CSV に書き出し");
        var fileName = $"{MediaNamesSafe(form.Name)}_受付_{JapaneseDates.ToJapanTime(clock.GetUtcNow().UtcDateTime):yyyyMMdd}.csv";
        return File(csv, "text/csv; charset=utf-8", fileName);
    }

    private IUser? CurrentUser => security.BackOfficeSecurity?.CurrentUser;

    private static DateTimeOffset Received(FormEntry entry) => JapaneseDates.ToJapanTime(entry.CreatedUtc);

    private EntryDetail Detail(FormDefinition form, FormEntry entry) => new(entry.Key, form.Key, form.Name, entry.Receipt, Received(entry),
        FormEntries.StatusText(entry.Status), entry.HandledUtc is not null, entry.HandledBy, entry.PageUrl,
        entry.Status is EntryStatus.Confirmed or EntryStatus.Waiting,
        entries.Read(entry).Select(v => new EntryAnswer(v.Label, v.Value)).ToList());

    private async Task<(FormDefinition Form, FormEntry Entry)?> FindAsync(Guid entryKey)
    {
        if (await entries.GetAsync(entryKey) is not { } entry) return null;
        var form = (await catalog.AllAsync()).FirstOrDefault(f => f.Id == entry.FormId);
        return form is null ? null : (form, entry);
    }

    private NotFoundObjectResult NotFoundInJapanese(string detail) =>
        NotFound(new ProblemDetails { Title = "見つかりません", Detail = detail, Status = StatusCodes.Status404NotFound });

    private Task AuditAsync(string what) =>
        CurrentUser is { } user ? audit.AddAsync(AuditType.Custom, user.Key, -1, "ZaitakuFormEntries", what) : Task.CompletedTask;

    /// <summary>A file name without the characters a file system or a mail client would trip over.</summary>
    private static string MediaNamesSafe(string name) =>
        new(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format && !Path.GetInvalidFileNameChars().Contains(c)).ToArray());
}
