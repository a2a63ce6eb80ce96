using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Content;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Resilience;

/// <summary>
/// The database goes away while the site runs (here: another process holds SQLite's exclusive lock,
/// as a backup or a stuck tool would). Readers keep getting pages from memory; anything that must be
/// saved answers 503 in Japanese with what was typed; the site recovers by itself when the lock goes.
/// </summary>
public sealed partial class DatabaseOutageTests
{
    private const string Acp = "ACP講演会（サンプル）参加申込";

    [GeneratedRegex("<a href=\"/umbraco/content/(\\d+)\">([^<]+)</a>")]
    private static partial Regex TreeLink();

    /// <summary>The site with its own busy timeout for SQLite: how long a person waits is part of what is tested.</summary>
    private static SiteFactory NewSite() => new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");

    /// <summary>
    /// The longest a person may wait for the 503 page while another connection holds the lock. SQLite's
    /// default busy timeout made it 30 s; the site waits a few seconds. Generous for a loaded machine.
    /// </summary>
    private static readonly TimeSpan PatientWait = TimeSpan.FromSeconds(10);

    /// <summary>Holds the database's exclusive lock until disposed: no other connection reads or writes.</summary>
    private static async Task<SqliteConnection> TakeTheDatabaseAwayAsync(SiteFactory factory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataFolder, "zaitaku.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    [Fact]
    public async Task Pages_keep_being_served_sign_ups_and_saves_answer_503_with_the_text_kept_and_it_recovers_by_itself()
    {
        using var factory = NewSite();
        var admin = new BackofficeClient(factory);
        await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        var tree = await admin.Http.GetStringAsync("/umbraco/content");
        var editUrl = "/umbraco/content/" + TreeLink().Matches(tree).Single(m => m.Groups[2].Value == "医師に伝えるポイント").Groups[1].Value;
        var edit = await admin.ReadFormAsync(editUrl);
        edit.RemoveAll(f => f.Key == "Values[body]");
        edit.Add(KeyValuePair.Create("Values[body]", "データベースが止まっている間に書いた本文です。"));
        edit.Add(KeyValuePair.Create("command", "save"));
        var person = new FormFiller(new BackofficeClient(factory).Http);
        var signUp = await person.FillAsync("/acp/kouenkai/", Acp,
            ("お名前", "大和 花子"), ("電話番号", "0743-00-1234"), ("メールアドレス", "hanako@example.jp"),
            ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"));
        var reader = factory.CreatePlainClient();

        await using (await TakeTheDatabaseAwayAsync(factory))
        {
            foreach (var url in new[] { "/", "/columns/2025-01-10/", "/acp/kouenkai/", "/soudan/" })
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);

            var waited = System.Diagnostics.Stopwatch.StartNew();
            var refused = await person.SendAsync(signUp);
            Assert.True(waited.Elapsed < PatientWait, $"The sign-up waited {waited.Elapsed.TotalSeconds:F1} s for the lock before the 503");
            var refusedHtml = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, "Retry-After is missing");
            Assert.Contains("ただいま受け付けができません", refusedHtml);
            Assert.Contains("大和 花子", refusedHtml);
            Assert.Contains("hanako@example.jp", refusedHtml);

            waited.Restart();
            var unsaved = await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit));
            Assert.True(waited.Elapsed < PatientWait, $"The save waited {waited.Elapsed.TotalSeconds:F1} s for the lock before the 503");
            var unsavedHtml = await unsaved.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unsaved.StatusCode);
            Assert.Contains("保存できませんでした", unsavedHtml);
            Assert.Contains("データベースが止まっている間に書いた本文です。", unsavedHtml);

            // In WAL mode (EF Core creates SQLite databases so) readers pass a writer's lock: what only reads still works.
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/umbraco/content")).StatusCode);
        }

        // The lock is gone: the same submissions go through, with nothing restarted.
        Assert.Equal(HttpStatusCode.SeeOther, (await person.SendAsync(signUp)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit))).StatusCode);
        Assert.Contains("データベースが止まっている間に書いた本文です。", await admin.Http.GetStringAsync(editUrl));
    }

    [Fact]
    public async Task A_schedule_whose_publishing_fails_stays_due_and_is_carried_out_once_when_the_database_is_back()
    {
        using var factory = NewSite();
        var admin = new BackofficeClient(factory);
        await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        var tree = await admin.Http.GetStringAsync("/umbraco/content");
        var editUrl = "/umbraco/content/" + TreeLink().Matches(tree).Single(m => m.Groups[2].Value == "医師に伝えるポイント").Groups[1].Value;
        var scheduled = await admin.EditAndSubmitAsync(editUrl, ("command", "schedule"),
            ("Values[body]", "予約で公開する本文です。"), ("publishAt", "2026-11-25T09:00"));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var scheduler = factory.Services.GetRequiredService<ScheduledPublisher>();
        factory.Clock.Now = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        // The write that publishes fails after the schedule was claimed (a disk error, a lost server).
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataFolder, "zaitaku.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var trigger = db.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER fail_publish BEFORE UPDATE OF PublishedVersionId ON ContentNode BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END";
            await trigger.ExecuteNonQueryAsync();
        }
        await Assert.ThrowsAnyAsync<Exception>(() => scheduler.RunDueAsync());
        Assert.DoesNotContain("予約で公開する本文です。", await factory.CreatePlainClient().GetStringAsync("/columns/2025-01-10/"));

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataFolder, "zaitaku.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var drop = db.CreateCommand();
            drop.CommandText = "DROP TRIGGER fail_publish";
            await drop.ExecuteNonQueryAsync();
        }
        // Still due: the next round carries it out, once.
        Assert.Equal(1, await scheduler.RunDueAsync());
        Assert.Equal(0, await scheduler.RunDueAsync());
        Assert.Contains("予約で公開する本文です。", await factory.CreatePlainClient().GetStringAsync("/columns/2025-01-10/"));
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>().AuditEntries;
        Assert.Equal(1, await audit.CountAsync(a => a.Action == "content.scheduled-publish"));
    }

    [GeneratedRegex("<label class=\"form-field__label\" for=\"kept-\\d+\">([^<]*)</label>")]
    private static partial Regex KeptLabel();

    /// <summary>
    /// When the database fails before the page's own action can show its form again (the sign-in
    /// check reads the database; so does loading the page being edited), the general 503 page shows
    /// what was typed under the labels the person saw: 「本文」, the form's own questions, never
    /// Values[body] or a field's internal f_… name.
    /// </summary>
    [Fact]
    public async Task The_general_503_page_labels_what_was_typed_as_the_form_did()
    {
        var failure = new StorageFailureBeforeAction();
        using var factory = NewSite().WithServices(s => s.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(failure)));
        var admin = new BackofficeClient(factory);
        await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        var tree = await admin.Http.GetStringAsync("/umbraco/content");
        var editUrl = "/umbraco/content/" + TreeLink().Matches(tree).Single(m => m.Groups[2].Value == "医師に伝えるポイント").Groups[1].Value;
        var edit = await admin.ReadFormAsync(editUrl);
        edit.RemoveAll(f => f.Key == "Values[body]");
        edit.Add(KeyValuePair.Create("Values[body]", "データベースが止まっている間に書いた本文です。"));
        edit.Add(KeyValuePair.Create("command", "save"));
        var person = new FormFiller(new BackofficeClient(factory).Http);
        var signUp = await person.FillAsync("/acp/kouenkai/", Acp,
            ("お名前", "大和 花子"), ("電話番号", "0743-00-1234"), ("メールアドレス", "hanako@example.jp"),
            ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"));

        failure.Armed = true;
        var unsaved = await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit));
        var unsavedHtml = await unsaved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unsaved.StatusCode);
        Assert.Contains("ただいま保存や受け付けができません", unsavedHtml);
        Assert.Contains("データベースが止まっている間に書いた本文です。", unsavedHtml);
        var saveLabels = KeptLabel().Matches(unsavedHtml).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains("本文", saveLabels);
        Assert.Contains("ページ名", saveLabels);
        Assert.DoesNotContain(saveLabels, l => l.Contains("Values[") || l is "body" or "name" or "Name");

        var refused = await person.SendAsync(signUp);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("大和 花子", refusedHtml);
        var signUpLabels = KeptLabel().Matches(refusedHtml).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains("お名前", signUpLabels);
        Assert.Contains("メールアドレス", signUpLabels);
        Assert.DoesNotContain(signUpLabels, l => l.StartsWith("f_", StringComparison.Ordinal) || l is "page");
    }

    /// <summary>Fails every POST's action before it runs, as a database read at its start would (SQLITE_BUSY).</summary>
    private sealed class StorageFailureBeforeAction : Microsoft.AspNetCore.Mvc.Filters.IAsyncActionFilter
    {
        public volatile bool Armed;

        public Task OnActionExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context,
            Microsoft.AspNetCore.Mvc.Filters.ActionExecutionDelegate next) =>
            // Not the error page itself, which runs again for the same POST.
            Armed && Microsoft.AspNetCore.Http.HttpMethods.IsPost(context.HttpContext.Request.Method)
                && !context.HttpContext.Request.Path.StartsWithSegments("/error")
                ? throw new SqliteException("database is locked", 5)
                : next();
    }
}
