using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Persistence.EFCore.Scoping;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Forms.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>
/// Forms of a test's own, copied from a seeded one with a new key (other tests read the seeded forms at the same
/// time), and what the database holds for them.
/// </summary>
public static class TestForms
{
    public const string Enquiry = "事務局へのお問い合わせ";
    public const string Feedback = "このページの情報は役に立ちましたか";
    public const string Acp = "ACP講演会（サンプル）参加申込";
    public const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";
    public const string Paper = "わたしノート（紙）の送付申込";

    private static int _count;

    private static IServiceProvider Services => SiteFactory.Shared.Services;

    public static async Task<T> WithDbAsync<T>(Func<FormsDbContext, Task<T>> work)
    {
        using var scope = Services.GetRequiredService<IEFCoreScopeProvider<FormsDbContext>>().CreateScope();
        var result = await scope.ExecuteWithContextAsync(work);
        scope.Complete();
        return result;
    }

    /// <summary>A copy of a seeded form, named 「（name）（テストN）」, with <paramref name="change"/> applied.</summary>
    public static async Task<FormDefinition> CopyAsync(string seededName, Action<FormDefinition>? change = null)
    {
        var n = Interlocked.Increment(ref _count);
        var form = await WithDbAsync(async db =>
        {
            await db.BeginWritingAsync();
            var seeded = await db.Forms.AsNoTracking().SingleAsync(f => f.Name == seededName);
            var copy = new FormDefinition
            {
                Key = Guid.NewGuid(), Name = $"{seeded.Name}（テスト{n}）", Introduction = seeded.Introduction, FieldsJson = seeded.FieldsJson,
                SubmitLabel = seeded.SubmitLabel, ThankYouMessage = seeded.ThankYouMessage, NotifyEmail = seeded.NotifyEmail,
                ConfirmToSubmitter = seeded.ConfirmToSubmitter, Capacity = seeded.Capacity, WaitingList = seeded.WaitingList,
                ClosesAtUtc = seeded.ClosesAtUtc, RetentionDays = seeded.RetentionDays, PrivacyNotice = seeded.PrivacyNotice,
                OnEveryPage = seeded.OnEveryPage, CreatedUtc = seeded.CreatedUtc, UpdatedUtc = seeded.UpdatedUtc,
            };
            change?.Invoke(copy);
            db.Forms.Add(copy);
            await db.SaveChangesAsync();
            return copy;
        });
        // As the designer will: every server forgets the forms it holds and reads them again.
        Services.GetRequiredService<DistributedCache>().RefreshAll(FormCacheRefresher.UniqueId);
        return form;
    }

    public static Task<FormDefinition> SeededAsync(string name) => WithDbAsync(db => db.Forms.AsNoTracking().SingleAsync(f => f.Name == name));

    public static Task<List<FormEntry>> EntriesAsync(FormDefinition form) =>
        WithDbAsync(db => db.Entries.AsNoTracking().Where(e => e.FormId == form.Id).OrderBy(e => e.Id).ToListAsync());

    public static Task<List<OutgoingMail>> MailsToAsync(string to) =>
        WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The form on a page of its own, sent from <paramref name="page"/> (the page templates are not yet on Umbraco).</summary>
    public static string PageOf(FormDefinition form, string page = "/contact/") => $"/forms/{form.Key}?page={Uri.EscapeDataString(page)}";

    /// <summary>A unique address for mail, so that a test reads only its own.</summary>
    public static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.jp";
}

/// <summary>Tests that move the site's clock or stop its mail server run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Forms that move the clock or the mail server";
}
