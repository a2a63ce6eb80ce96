using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Forms;

/// <summary>What a submission came to: the entry, and its place on the waiting list if it went there.</summary>
public sealed record SubmitOutcome(FormEntry Entry, int? WaitingPosition);

/// <summary>
/// Saves, reads and looks after form entries. Answers are encrypted with Data Protection before they
/// are stored (the keys live in the data folder, not in the database, so a copy of the database
/// alone reveals nothing); mail is queued in the same transaction as the entry and sent afterwards.
/// </summary>
public sealed class FormEntries(ZaitakuDbContext db, IDataProtectionProvider protection, TimeProvider clock, ILogger<FormEntries> logger,
    Microsoft.Extensions.Options.IOptions<FormOptions> options)
{
    private const string Purpose = "Zaitaku.Forms.Entries";
    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <returns>The outcome, or null when every place is taken and the form keeps no waiting list.</returns>
    /// <param name="signUp">The event the form signs people up for: the confirmation mail says when, where and how to cancel.</param>
    public async Task<SubmitOutcome?> SubmitAsync(FormDefinition form, IReadOnlyList<EntryValue> values, string? pageUrl,
        string siteBaseUrl, CancellationToken ct = default, Site.Events.EventNotice? signUp = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var status = EntryStatus.Received;
        if (form.Capacity is not null)
        {
            // One conditional UPDATE takes a place: the database serialises it, so two sign-ups
            // for the last place can never both get it, on SQLite or on PostgreSQL.
            var taken = await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount < f.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount + 1), ct);
            if (taken == 1) status = EntryStatus.Confirmed;
            else if (form.WaitingList) status = EntryStatus.Waiting;
            else return null;
        }
        var entry = new FormEntry
        {
            FormId = form.Id, CreatedUtc = clock.GetUtcNow().UtcDateTime, Status = status,
            PageUrl = pageUrl is { Length: <= 1000 } ? pageUrl : null, ProtectedValues = Protect(values),
        };
        db.FormEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        // The number needs the entry's id, so it is set once the row exists, in the same transaction.
        entry.ReceiptNumber = FormEntry.MakeReceiptNumber(entry.Id, entry.CreatedUtc);
        int? position = status == EntryStatus.Waiting
            ? await db.FormEntries.CountAsync(e => e.FormId == form.Id && e.Status == EntryStatus.Waiting && e.Id <= entry.Id, ct)
            : null;
        await QueueNoticesAsync(form, entry, values, position, siteBaseUrl, signUp, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SubmitOutcome(entry, position);
    }

    public IReadOnlyList<EntryValue> Read(FormEntry entry)
    {
        try { return JsonSerializer.Deserialize<List<EntryValue>>(Protector.Unprotect(entry.ProtectedValues)) ?? []; }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // Lost or foreign keys: say so on the page rather than failing it.
            logger.LogError(e, "Form entry {EntryId} cannot be decrypted", entry.Id);
            return [new EntryValue(Guid.Empty, "（読み取れません）", "この受付の内容は暗号鍵が見つからないため表示できません。データフォルダの keys/ を確認してください。")];
        }
    }

    private string Protect(IReadOnlyList<EntryValue> values) => Protector.Protect(JsonSerializer.Serialize(values));

    public async Task MarkHandledAsync(FormEntry entry, bool handled, string by, CancellationToken ct = default)
    {
        entry.HandledUtc = handled ? clock.GetUtcNow().UtcDateTime : null;
        entry.HandledBy = handled ? by : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives a confirmed place back; the first on the waiting list takes it.</summary>
    /// <returns>The entry that moved up, if any.</returns>
    public async Task<FormEntry?> CancelAsync(FormDefinition form, FormEntry entry, CancellationToken ct = default)
    {
        if (entry.Status is not (EntryStatus.Confirmed or EntryStatus.Waiting)) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var freed = entry.Status == EntryStatus.Confirmed;
        entry.Status = EntryStatus.Cancelled;
        await db.SaveChangesAsync(ct);
        FormEntry? promoted = null;
        if (freed)
        {
            await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount - 1), ct);
            promoted = await db.FormEntries.Where(e => e.FormId == form.Id && e.Status == EntryStatus.Waiting)
                .OrderBy(e => e.Id).FirstOrDefaultAsync(ct);
            if (promoted is not null && await db.Forms.Where(f => f.Id == form.Id && f.ConfirmedCount < f.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmedCount, f => f.ConfirmedCount + 1), ct) == 1)
            {
                promoted.Status = EntryStatus.Confirmed;
                if (form.ConfirmToSubmitter && EmailOf(form, Read(promoted)) is { } to)
                    MailOutbox.Queue(db, clock, to, $"{form.Name}：参加が確定しました",
                        $"{form.Name}にキャンセル待ちでお申し込みいただいていましたが、空きが出たため参加が確定しました。\n\n" +
                        $"受付番号：{promoted.Receipt}\n\n{Footer}");
                await db.SaveChangesAsync(ct);
            }
            else promoted = null;
        }
        await transaction.CommitAsync(ct);
        return promoted;
    }

    public async Task DeleteAsync(FormDefinition form, FormEntry entry, CancellationToken ct = default)
    {
        // A confirmed place is given back first, so the waiting list moves up.
        if (entry.Status == EntryStatus.Confirmed) await CancelAsync(form, entry, ct);
        db.FormEntries.Remove(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes every entry older than its form's retention period.</summary>
    /// <returns>How many entries were deleted, by form name.</returns>
    public async Task<Dictionary<string, int>> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = new Dictionary<string, int>();
        foreach (var form in await db.Forms.AsNoTracking().ToListAsync(ct))
        {
            var cutoff = now.AddDays(-form.RetentionDays);
            var count = await db.FormEntries.Where(e => e.FormId == form.Id && e.CreatedUtc < cutoff).ExecuteDeleteAsync(ct);
            if (count > 0) deleted[form.Name] = count;
        }
        return deleted;
    }

    public static string StatusText(EntryStatus status) => status switch
    {
        EntryStatus.Confirmed => "参加確定",
        EntryStatus.Waiting => "キャンセル待ち",
        EntryStatus.Cancelled => "取り消し",
        _ => "受付",
    };

    private const string Footer = "このメールは送信専用のアドレスから送っています。ご返信いただいてもお答えできません。\n" +
        "大和郡山市 在宅医療・介護連携推進事業 事務局（福祉部 地域包括ケア推進課 地域ケア係）\n";

    /// <summary>
    /// A confirmation goes only to someone who signed up for an event (a form with places): any other
    /// form would let a stranger make the city's server mail whatever address they type.
    /// </summary>
    public static bool IsSignUp(FormDefinition form) => form.ConfirmToSubmitter && form.Capacity is not null;

    /// <summary>
    /// At most <see cref="FormOptions.ConfirmationsPerRecipient"/> messages to one address in a day,
    /// counted in the outbox, so the limit holds across restarts and instances.
    /// </summary>
    private async Task<bool> MayConfirmToAsync(string to, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var sent = await db.Set<OutgoingMail>().CountAsync(m => m.To == to && m.CreatedUtc > since, ct);
        if (sent < options.Value.ConfirmationsPerRecipient) return true;
        logger.LogWarning("Form confirmation not sent: the address has had {Count} messages in a day", sent);
        return false;
    }

    /// <summary>The answer to the form's first e-mail field, where a confirmation goes.</summary>
    public static string? EmailOf(FormDefinition form, IEnumerable<EntryValue> values)
    {
        var emailFields = form.GetFields().Where(f => f.Type == FormFieldType.Email).Select(f => f.Key).ToHashSet();
        return values.FirstOrDefault(v => emailFields.Contains(v.FieldKey))?.Value;
    }

    /// <summary>
    /// The secretariat's notice carries no personal data (only a link into the backoffice), and the
    /// person's own confirmation repeats none of their answers: mail is neither encrypted nor erased.
    /// </summary>
    private async Task QueueNoticesAsync(FormDefinition form, FormEntry entry, IReadOnlyList<EntryValue> values, int? position, string siteBaseUrl,
        Site.Events.EventNotice? signUp, CancellationToken ct)
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
                (entry.PageUrl is { } page ? $"送信したページ：{siteBaseUrl}{page}\n" : "") +
                $"\n内容はバックオフィスで確認してください（個人情報はメールには書いていません）。\n{siteBaseUrl}/umbraco/forms/entries/{entry.Key:N}\n");
        if (IsSignUp(form) && EmailOf(form, values) is { } to && await MayConfirmToAsync(to, ct))
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
