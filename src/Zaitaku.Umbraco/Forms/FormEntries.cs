using Zaitaku.Web.Hosting;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Persistence.EFCore.Scoping;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms.Data;
using Zaitaku.Web.Mail;

namespace Zaitaku.Web.Forms;

/// <summary>What a submission came to: the entry, and its place on the waiting list if it went there.</summary>
public sealed record SubmitOutcome(FormEntry Entry, int? WaitingPosition);

/// <summary>
/// Saves, reads and looks after form entries: the one service that owns their rules and transactions (the public
/// controller, the retention job and the backoffice screens all call it). Answers are encrypted with ASP.NET Core
/// Data Protection before they are stored, so the database alone reveals nothing (the keys are in the key ring's
/// folder, see Hosting/DataProtectionComposer); mail is queued in the same transaction as the entry.
/// </summary>
public sealed class FormEntries(
    IEFCoreScopeProvider<FormsDbContext> scopes, IDataProtectionProvider protection, SiteClock clock,
    IOptionsMonitor<FormsOptions> options, ILogger<FormEntries> logger)
{
    /// <summary>The Data Protection purpose of entries: changing it would make every stored entry unreadable.</summary>
    public const string Purpose = "Zaitaku.Forms.Entries";

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <returns>The outcome, or null when every place is taken and the form keeps no waiting list.</returns>
    /// <param name="siteUrl">The configured public address (Zaitaku:Site:PublicUrl), for the secretariat's link.</param>
    /// <param name="signUp">The event the form signs people up for: the confirmation says when, where and how to cancel.</param>
    public async Task<SubmitOutcome?> SubmitAsync(FormDefinition form, IReadOnlyList<EntryValue> values, string? pageUrl,
        string siteUrl, FormEvent? signUp = null)
    {
        using var scope = scopes.CreateScope();
        var outcome = await scope.ExecuteWithContextAsync(async db =>
        {
            var status = EntryStatus.Received;
            if (form.Capacity is not null)
            {
                // One conditional UPDATE takes a place, and it is the transaction's first statement: the database
                // serialises it, so two sign-ups for the last place never both get it (SQLite or SQL Server).
                var taken = await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount < f.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount + 1));
                if (taken == 1) status = EntryStatus.Confirmed;
                else if (form.WaitingList) status = EntryStatus.Waiting;
                else return null;
            }
            var entry = new FormEntry
            {
                FormId = form.Id, CreatedUtc = clock.GetUtcNow().UtcDateTime, Status = status,
                PageUrl = pageUrl is { Length: <= 1000 } ? pageUrl : null, ProtectedValues = Protect(values),
            };
            db.Entries.Add(entry);
            await db.SaveChangesAsync();
            // The number needs the entry's id, so it is set once the row exists, in the same transaction.
            entry.ReceiptNumber = FormEntry.MakeReceiptNumber(entry.Id, entry.CreatedUtc);
            int? position = status == EntryStatus.Waiting
                ? await db.Entries.CountAsync(e => e.FormId == form.Id && e.Status == EntryStatus.Waiting && e.Id <= entry.Id)
                : null;
            await QueueNoticesAsync(db, form, entry, values, position, siteUrl.TrimEnd('/'), signUp);
            await db.SaveChangesAsync();
            return new SubmitOutcome(entry, position);
        });
        scope.Complete();
        return outcome;
    }

    /// <summary>The answers of an entry; a line saying so when the key ring that encrypted them is missing.</summary>
    public IReadOnlyList<EntryValue> Read(FormEntry entry)
    {
        try { return JsonSerializer.Deserialize<List<EntryValue>>(Protector.Unprotect(entry.ProtectedValues)) ?? []; }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            logger.LogError(e, "Form entry {EntryId} cannot be decrypted", entry.Id);
            return [new EntryValue(Guid.Empty, "（読み取れません）",
                "この受付の内容は暗号鍵が見つからないため表示できません。鍵のフォルダ（Zaitaku:DataProtection:KeysFolder、既定は umbraco/Data/keys）を確認してください。")];
        }
    }

    private string Protect(IReadOnlyList<EntryValue> values) => Protector.Protect(JsonSerializer.Serialize(values));

    /// <summary>A form's entries, newest first (for the backoffice's list and export).</summary>
    public async Task<IReadOnlyList<FormEntry>> ListAsync(int formId)
    {
        using var scope = scopes.CreateScope();
        var entries = await scope.ExecuteWithContextAsync(db =>
            db.Entries.AsNoTracking().Where(e => e.FormId == formId).OrderByDescending(e => e.Id).ToListAsync());
        scope.Complete();
        return entries;
    }

    public async Task<FormEntry?> GetAsync(Guid key)
    {
        using var scope = scopes.CreateScope();
        var entry = await scope.ExecuteWithContextAsync(db => db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key));
        scope.Complete();
        return entry;
    }

    public async Task MarkHandledAsync(Guid entryKey, bool handled, string by)
    {
        var when = handled ? clock.GetUtcNow().UtcDateTime : (DateTime?)null;
        using var scope = scopes.CreateScope();
        await scope.ExecuteWithContextAsync<int>(db => db.Entries.Where(e => e.Key == entryKey)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HandledUtc, when).SetProperty(e => e.HandledBy, handled ? by : null)));
        scope.Complete();
    }

    /// <summary>Gives a place back (or takes someone off the waiting list); the first on the waiting list moves up.</summary>
    /// <returns>The entry that moved up, if any.</returns>
    public async Task<FormEntry?> CancelAsync(Guid entryKey)
    {
        using var scope = scopes.CreateScope();
        var promoted = await scope.ExecuteWithContextAsync(db => CancelAsync(db, entryKey));
        scope.Complete();
        return promoted;
    }

    private async Task<FormEntry?> CancelAsync(FormsDbContext db, Guid entryKey)
    {
        await db.BeginWritingAsync();
        var entry = await db.Entries.FirstOrDefaultAsync(e => e.Key == entryKey);
        if (entry?.Status is not (EntryStatus.Confirmed or EntryStatus.Waiting)) return null;
        var form = await db.Forms.AsNoTracking().FirstAsync(f => f.Id == entry.FormId);
        var freed = entry.Status == EntryStatus.Confirmed;
        entry.Status = EntryStatus.Cancelled;
        await db.SaveChangesAsync();
        if (!freed) return null;
        await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount - 1));
        var promoted = await db.Entries.Where(e => e.FormId == form.Id && e.Status == EntryStatus.Waiting).OrderBy(e => e.Id).FirstOrDefaultAsync();
        if (promoted is null || await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount < f.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount + 1)) != 1)
            return null;
        promoted.Status = EntryStatus.Confirmed;
        if (form.ConfirmToSubmitter && EmailOf(form, Read(promoted)) is { } to)
            MailOutbox.Queue(db, clock, to, $"{form.Name}：参加が確定しました",
                $"{form.Name}にキャンセル待ちでお申し込みいただいていましたが、空きが出たため参加が確定しました。\n\n" +
                $"受付番号：{promoted.Receipt}\n\n{Footer}");
        await db.SaveChangesAsync();
        return promoted;
    }

    /// <summary>Deletes an entry; a confirmed place is given back first, so the waiting list moves up.</summary>
    public async Task DeleteAsync(Guid entryKey)
    {
        using var scope = scopes.CreateScope();
        await scope.ExecuteWithContextAsync<int>(async db =>
        {
            await CancelAsync(db, entryKey);
            return await db.Entries.Where(e => e.Key == entryKey).ExecuteDeleteAsync();
        });
        scope.Complete();
    }

    /// <summary>Deletes every entry older than its form's retention period.</summary>
    /// <returns>How many entries were deleted, by form name.</returns>
    public async Task<Dictionary<string, int>> DeleteExpiredAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var deleted = await scope.ExecuteWithContextAsync(async db =>
        {
            await db.BeginWritingAsync();
            var counts = new Dictionary<string, int>();
            foreach (var form in await db.Forms.AsNoTracking().ToListAsync())
            {
                var cutoff = now.AddDays(-form.RetentionDays);
                var count = await db.Entries.Where(e => e.FormId == form.Id && e.CreatedUtc < cutoff).ExecuteDeleteAsync();
                if (count > 0) counts[form.Name] = count;
            }
            return counts;
        });
        scope.Complete();
        return deleted;
    }

    public static string StatusText(EntryStatus status) => status switch
    {
        EntryStatus.Confirmed => "参加確定",
        EntryStatus.Waiting => "キャンセル待ち",
        EntryStatus.Cancelled => "取り消し",
        _ => "受付",
    };

    /// <summary>Where the secretariat's notice links: the entry in the backoffice (the entries screen is a later task).</summary>
    public static string BackofficePath(Guid entryKey) => $"/umbraco/forms/entries/{entryKey:N}";

    private const string Footer = "このメールは送信専用のアドレスから送っています。ご返信いただいてもお答えできません。\n" +
        "大和郡山市 在宅医療・介護連携推進事業 事務局（福祉部 地域包括ケア推進課 地域ケア係）\n";

    /// <summary>
    /// A confirmation goes only to someone who signed up for an event (a form with places): any other form would let
    /// a stranger make the city's server mail whatever address they type.
    /// </summary>
    public static bool IsSignUp(FormDefinition form) => form.ConfirmToSubmitter && form.Capacity is not null;

    /// <summary>The answer to the form's first e-mail field, where a confirmation goes.</summary>
    public static string? EmailOf(FormDefinition form, IEnumerable<EntryValue> values)
    {
        var emailFields = form.GetFields().Where(f => f.Type == FormFieldType.Email).Select(f => f.Key).ToHashSet();
        return values.FirstOrDefault(v => emailFields.Contains(v.FieldKey))?.Value;
    }

    /// <summary>
    /// At most <see cref="FormsOptions.ConfirmationsPerRecipient"/> messages to one address in a day, counted in the
    /// outbox, so the limit holds across restarts and servers.
    /// </summary>
    private async Task<bool> MayConfirmToAsync(FormsDbContext db, string to)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var sent = await db.Outbox.CountAsync(m => m.To == to && m.CreatedUtc > since);
        if (sent < options.CurrentValue.ConfirmationsPerRecipient) return true;
        logger.LogWarning("Form confirmation not sent: the address has had {Count} messages in a day", sent);
        return false;
    }

    /// <summary>
    /// The secretariat's notice carries no personal data (only a link into the backoffice), and the person's own
    /// confirmation repeats none of their answers: mail is neither encrypted nor erased with the entry.
    /// </summary>
    private async Task QueueNoticesAsync(FormsDbContext db, FormDefinition form, FormEntry entry, IReadOnlyList<EntryValue> values,
        int? position, string siteUrl, FormEvent? signUp)
    {
        var received = JapaneseDates.FormatUtc(entry.CreatedUtc) + " " + JapaneseDates.ToJapanTime(entry.CreatedUtc).ToString("HH:mm");
        var state = entry.Status switch
        {
            EntryStatus.Confirmed => $"参加確定（定員{form.Capacity}人）",
            EntryStatus.Waiting => $"キャンセル待ち（{position}番目）",
            _ => "受付",
        };
        if (!string.IsNullOrWhiteSpace(form.NotifyEmail))
            MailOutbox.Queue(db, clock, form.NotifyEmail, $"【{form.Name}】新しい受付（受付番号 {entry.Receipt}）",
                $"{form.Name}に新しい受付がありました。\n\n受付番号：{entry.Receipt}\n受付日時：{received}\n状態：{state}\n" +
                (entry.PageUrl is { } page ? $"送信したページ：{siteUrl}{page}\n" : "") +
                $"\n内容はバックオフィスで確認してください（個人情報はメールには書いていません）。\n{siteUrl}{BackofficePath(entry.Key)}\n");
        if (IsSignUp(form) && EmailOf(form, values) is { } to && await MayConfirmToAsync(db, to))
        {
            var what = entry.Status switch
            {
                EntryStatus.Confirmed => "参加が確定しました。当日お待ちしています。",
                EntryStatus.Waiting => $"定員に達していたため、キャンセル待ち（{position}番目）で受け付けました。空きが出たら、このアドレスにお知らせします。",
                _ => "内容を確認し、必要なときは事務局からご連絡します。",
            };
            MailOutbox.Queue(db, clock, to, $"{form.Name}：受け付けました（受付番号 {entry.Receipt}）",
                $"{form.Name}を受け付けました。\n\n受付番号：{entry.Receipt}\n受付日時：{received}\n{what}\n\n" +
                (signUp is null ? "" : signUp.MailText + "\n") +
                "お心当たりのない方は、このメールを破棄してください。\n\n" + Footer);
        }
    }
}
