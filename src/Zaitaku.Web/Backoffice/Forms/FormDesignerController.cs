using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
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
/// The form designer (Umbraco Forms' "Forms" section): the list of forms for everyone who may see
/// some entries, and creating, designing and deleting forms for the secretariat.
/// </summary>
[Route("umbraco/forms")]
public sealed class FormDesignerController(
    ZaitakuDbContext db, FormCatalog catalog, AuditTrail audit, TimeProvider clock) : BackofficeController
{
    public sealed record FormRow(FormDefinition Form, int Entries, int Unhandled);

    [HttpGet("")]
    public async Task<IActionResult> List()
    {
        var forms = await db.Forms.AsNoTracking().OrderBy(f => f.Name).ToListAsync();
        var counts = await db.FormEntries.GroupBy(e => e.FormId)
            .Select(g => new { g.Key, All = g.Count(), Unhandled = g.Count(e => e.HandledUtc == null) }).ToDictionaryAsync(c => c.Key);
        var rows = (await AllowedAsync(forms, Access.BackofficeOperations.Edit))
            .Select(f => new FormRow(f, counts.GetValueOrDefault(f.Id)?.All ?? 0, counts.GetValueOrDefault(f.Id)?.Unhandled ?? 0)).ToList();
        return View("FormList", rows);
    }

    public sealed class CreateForm
    {
        [Display(Name = "フォームの名前")]
        [Required(ErrorMessage = "フォームの名前を入力してください。")]
        [StringLength(200, ErrorMessage = "フォームの名前は200文字以内にしてください。")]
        public string? Name { get; set; }
    }

    [HttpGet("create")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public IActionResult Create() => View("FormCreate", new CreateForm());

    [HttpPost("create")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> Create(CreateForm input)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("FormCreate", input);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var form = new FormDefinition { Name = input.Name!.Trim(), CreatedUtc = now, UpdatedUtc = now };
        db.Forms.Add(form);
        await db.SaveChangesAsync();
        await audit.RecordAsync("forms.create", form.Name);
        await catalog.RefreshAsync(pagesShowIt: false);
        TempData["Message"] = $"フォーム「{form.Name}」を作りました。項目を追加してください。";
        return Redirect($"/umbraco/forms/{form.Id}");
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> Edit(int id)
    {
        if (await db.Forms.FindAsync(id) is not { } form) return NotFound();
        return View("FormEdit", await BuildAsync(FormEditModel.From(form), form));
    }

    [HttpPost("{id:int}")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> Edit(int id, FormEditModel input)
    {
        if (await db.Forms.FindAsync(id) is not { } form) return NotFound();
        var fields = input.ToFields(out var problems);
        foreach (var (key, message) in problems) ModelState.AddModelError(key, message);
        foreach (var (key, message) in input.Check(fields, await OtherFormOnEveryPageAsync(form.Id))) ModelState.AddModelError(key, message);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("FormEdit", await BuildAsync(input, form));
        }
        input.ApplyTo(form, fields);
        form.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await audit.RecordAsync("forms.design", form.Name, $"{fields.Count}項目");
        await catalog.RefreshAsync();
        TempData["Message"] = $"フォーム「{form.Name}」を保存しました。";
        return Redirect($"/umbraco/forms/{form.Id}");
    }

    [HttpGet("{id:int}/delete")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> Delete(int id)
    {
        if (await db.Forms.FindAsync(id) is not { } form) return NotFound();
        return View("FormDelete", (form, await PagesUsingAsync(form), await db.FormEntries.CountAsync(e => e.FormId == id)));
    }

    [HttpPost("{id:int}/delete")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        if (await db.Forms.FindAsync(id) is not { } form) return NotFound();
        var pages = await PagesUsingAsync(form);
        var entries = await db.FormEntries.CountAsync(e => e.FormId == id);
        if (pages.Count > 0)
        {
            ModelState.AddModelError("", "このフォームはページに置かれているため削除できません。先にページからフォームを外してください。");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("FormDelete", (form, pages, entries));
        }
        db.Forms.Remove(form); // its entries go with it (cascade)
        await db.SaveChangesAsync();
        await audit.RecordAsync("forms.delete", form.Name, $"受付{entries}件も削除");
        await catalog.RefreshAsync();
        TempData["Message"] = $"フォーム「{form.Name}」と、その受付{entries}件を削除しました。";
        return Redirect("/umbraco/forms");
    }

    /// <summary>Pages whose draft or published version places this form.</summary>
    private async Task<List<(int Id, string Name)>> PagesUsingAsync(FormDefinition form)
    {
        var key = form.Key.ToString();
        return (await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
                .Where(n => !n.Trashed && db.ContentVersions.Any(v => (v.Id == n.DraftVersionId || v.Id == n.PublishedVersionId) && v.ValuesJson.Contains(key)))
                .Select(n => new { n.Id, n.DraftVersion!.Name }).ToListAsync())
            .Select(n => (n.Id, n.Name)).ToList();
    }

    private async Task<bool> OtherFormOnEveryPageAsync(int id) => await db.Forms.AnyAsync(f => f.Id != id && f.OnEveryPage);

    private async Task<FormEditModel> BuildAsync(FormEditModel model, FormDefinition form)
    {
        model.Id = form.Id;
        model.Key = form.Key;
        model.Pages = await PagesUsingAsync(form);
        model.Associations = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion)
            .Where(n => !n.Trashed && n.ContentTypeAlias == "association").OrderBy(n => n.SortOrder)
            .Select(n => new ValueTuple<Guid, string>(n.Key, n.DraftVersion!.Name)).ToListAsync();
        return model;
    }
}

/// <summary>The designer's form: the form's settings and every field, edited on one page without scripts.</summary>
public sealed class FormEditModel
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string? Name { get; set; }
    public string? Introduction { get; set; }
    public string? SubmitLabel { get; set; }
    public string? ThankYouMessage { get; set; }
    public string? NotifyEmail { get; set; }
    public bool ConfirmToSubmitter { get; set; }
    public string? Capacity { get; set; }
    public bool WaitingList { get; set; }
    /// <summary>Japan time, as a datetime-local input gives it: 2027-02-03T17:00.</summary>
    public string? ClosesAt { get; set; }
    public string? RetentionDays { get; set; }
    public string? PrivacyNotice { get; set; }
    public bool OnEveryPage { get; set; }
    public List<Guid> EntryAssociations { get; set; } = [];
    public List<FieldEdit> Fields { get; set; } = [];
    /// <summary>The empty row for a new field; ignored while its label is empty.</summary>
    public FieldEdit NewField { get; set; } = new();

    public List<(int Id, string Name)> Pages { get; set; } = [];
    public List<(Guid Key, string Name)> Associations { get; set; } = [];

    public const int MaxRetentionDays = 3650;

    public sealed class FieldEdit
    {
        public Guid Key { get; set; }
        public string? Label { get; set; }
        public FormFieldType Type { get; set; }
        public bool Mandatory { get; set; }
        public string? Pattern { get; set; }
        public string? PatternMessage { get; set; }
        public string? HelpText { get; set; }
        /// <summary>One choice per line.</summary>
        public string? Options { get; set; }
        public string? SortOrder { get; set; }
        public bool Remove { get; set; }
    }

    public static FormEditModel From(FormDefinition form) => new()
    {
        Name = form.Name, Introduction = form.Introduction, SubmitLabel = form.SubmitLabel, ThankYouMessage = form.ThankYouMessage,
        NotifyEmail = form.NotifyEmail, ConfirmToSubmitter = form.ConfirmToSubmitter, Capacity = form.Capacity?.ToString(),
        WaitingList = form.WaitingList,
        ClosesAt = form.ClosesAtUtc is { } closes ? JapaneseDates.ToJapanTime(closes).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : null,
        RetentionDays = form.RetentionDays.ToString(), PrivacyNotice = form.PrivacyNotice,
        OnEveryPage = form.OnEveryPage, EntryAssociations = form.EntryAssociations().ToList(),
        Fields = form.GetFields().Select((f, i) => new FieldEdit
        {
            Key = f.Key, Label = f.Label, Type = f.Type, Mandatory = f.Mandatory, Pattern = f.Pattern, PatternMessage = f.PatternMessage,
            HelpText = f.HelpText, Options = string.Join("\n", f.Options), SortOrder = ((i + 1) * 10).ToString(),
        }).ToList(),
    };

    /// <summary>The fields as they will be stored, in their new order; problems by the name of the input they belong to.</summary>
    public List<FormField> ToFields(out List<(string Key, string Message)> problems)
    {
        problems = [];
        var rows = Fields.Select((f, i) => (Edit: f, Prefix: $"Fields[{i}]")).Where(r => !r.Edit.Remove).ToList();
        if (!string.IsNullOrWhiteSpace(NewField.Label)) rows.Add((NewField, nameof(NewField)));
        var fields = new List<FormField>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (edit, prefix) = rows[i];
            var label = edit.Label?.Trim() ?? "";
            if (label.Length == 0) problems.Add(($"{prefix}.Label", "項目の名前を入力してください（項目をなくすときは「この項目を削除する」を選びます）。"));
            else if (label.Length > 200) problems.Add(($"{prefix}.Label", "項目の名前は200文字以内にしてください。"));
            var order = int.TryParse(edit.SortOrder, out var n) ? n : (i + 1) * 10;
            var options = (edit.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            var field = new FormField
            {
                Key = edit.Key == Guid.Empty ? Guid.NewGuid() : edit.Key, Label = label, Type = edit.Type,
                Mandatory = edit.Mandatory || edit.Type == FormFieldType.DataConsent,
                Pattern = string.IsNullOrWhiteSpace(edit.Pattern) ? null : edit.Pattern.Trim(),
                PatternMessage = string.IsNullOrWhiteSpace(edit.PatternMessage) ? null : edit.PatternMessage.Trim(),
                HelpText = string.IsNullOrWhiteSpace(edit.HelpText) ? null : edit.HelpText.Trim(), Options = options, SortOrder = order,
            };
            if (!Enum.IsDefined(edit.Type)) problems.Add(($"{prefix}.Type", "項目の種類を一覧から選んでください。"));
            if (field.HasOptions && options.Count < 2) problems.Add(($"{prefix}.Options", $"「{label}」の選択肢を2つ以上、1行に1つずつ入力してください。"));
            if (!field.HasOptions) field.Options = [];
            if (field.Pattern is not null && !field.TakesPattern) field.Pattern = null;
            if (FormSubmission.PatternProblem(field.Pattern) is { } patternProblem) problems.Add(($"{prefix}.Pattern", patternProblem));
            fields.Add(field);
        }
        // Stored orders become 10, 20, 30...: a new field typed "15" lands between the first two.
        var ordered = fields.OrderBy(f => f.SortOrder).ToList();
        for (var i = 0; i < ordered.Count; i++) ordered[i].SortOrder = (i + 1) * 10;
        return ordered;
    }

    public IEnumerable<(string Key, string Message)> Check(List<FormField> fields, bool otherFormOnEveryPage)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return (nameof(Name), "フォームの名前を入力してください。");
        else if (Name.Trim().Length > 200) yield return (nameof(Name), "フォームの名前は200文字以内にしてください。");
        if ((SubmitLabel?.Trim().Length ?? 0) is 0 or > 50) yield return (nameof(SubmitLabel), "送信ボタンの文字を50文字以内で入力してください。");
        if (string.IsNullOrWhiteSpace(ThankYouMessage)) yield return (nameof(ThankYouMessage), "送信後に表示するメッセージを入力してください。");
        if (!int.TryParse(RetentionDays, out var days) || days < 1 || days > MaxRetentionDays)
            yield return (nameof(RetentionDays), $"受付の保存期間を1から{MaxRetentionDays}までの日数で入力してください。");
        if (!string.IsNullOrWhiteSpace(Capacity) && (!int.TryParse(Capacity, out var places) || places < 1 || places > 100_000))
            yield return (nameof(Capacity), "定員は1以上の整数で入力してください（定員がないときは空にします）。");
        if (!string.IsNullOrWhiteSpace(ClosesAt) && ClosesAtUtc() is null)
            yield return (nameof(ClosesAt), "受付の締切は日付と時刻で入力してください（例：2027-02-03T17:00）。");
        if (!string.IsNullOrWhiteSpace(NotifyEmail) && !MailAddress.TryCreate(NotifyEmail.Trim(), out _))
            yield return (nameof(NotifyEmail), "通知先のメールアドレスの形が正しくありません。");
        if (fields.Count == 0) yield return ("NewField.Label", "項目を1つ以上追加してください。");
        if (ConfirmToSubmitter && !fields.Any(f => f.Type == FormFieldType.Email))
            yield return (nameof(ConfirmToSubmitter), "受付の確認メールを送るには、「メールアドレス」の項目が必要です。");
        // Only a sign-up has something to confirm; elsewhere the mail would go to any address a stranger types.
        if (ConfirmToSubmitter && string.IsNullOrWhiteSpace(Capacity))
            yield return (nameof(ConfirmToSubmitter), "受付の確認メールは、定員のある申し込み（イベントの参加申し込み）だけで送れます。定員を入れるか、このチェックを外してください。");
        var personal = fields.Any(f => f.Type is FormFieldType.Email or FormFieldType.Phone);
        if (personal && !fields.Any(f => f.Type == FormFieldType.DataConsent))
            yield return ("NewField.Label", "メールアドレスや電話番号をたずねるフォームには、「個人情報の取り扱いへの同意」の項目が必要です。");
        if ((personal || fields.Any(f => f.Type == FormFieldType.DataConsent)) && string.IsNullOrWhiteSpace(PrivacyNotice))
            yield return (nameof(PrivacyNotice), "個人情報の取り扱い（何を、何のために、いつまで保存するか）を書いてください。同意の項目の上に表示します。");
        if (OnEveryPage && otherFormOnEveryPage)
            yield return (nameof(OnEveryPage), "すべてのページに出すフォームは1つだけです。先に、もう一方のフォームの設定を外してください。");
        if (OnEveryPage && personal)
            yield return (nameof(OnEveryPage), "すべてのページに出すフォームでは、メールアドレスや電話番号をたずねられません。");
    }

    private DateTime? ClosesAtUtc() =>
        DateTime.TryParseExact(ClosesAt?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var japan)
            ? JapaneseDates.JapanTimeToUtc(japan) : null;

    public void ApplyTo(FormDefinition form, List<FormField> fields)
    {
        form.Name = Name!.Trim();
        form.Introduction = string.IsNullOrWhiteSpace(Introduction) ? null : Introduction.Trim();
        form.SubmitLabel = SubmitLabel!.Trim();
        form.ThankYouMessage = ThankYouMessage!.Trim();
        form.NotifyEmail = string.IsNullOrWhiteSpace(NotifyEmail) ? null : NotifyEmail.Trim();
        form.ConfirmToSubmitter = ConfirmToSubmitter;
        form.Capacity = string.IsNullOrWhiteSpace(Capacity) ? null : int.Parse(Capacity);
        form.WaitingList = WaitingList && form.Capacity is not null;
        form.RetentionDays = int.Parse(RetentionDays!);
        form.ClosesAtUtc = ClosesAtUtc();
        form.PrivacyNotice = string.IsNullOrWhiteSpace(PrivacyNotice) ? null : PrivacyNotice.Trim();
        form.OnEveryPage = OnEveryPage;
        form.EntryAssociationKeys = string.Join(",", EntryAssociations.Distinct());
        form.SetFields(fields);
    }
}
