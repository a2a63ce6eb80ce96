using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Web.Backoffice.Content;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>A site of its own for the workflow, with its administrator from the unattended install.</summary>
public sealed class WorkflowSite : BrowserFixture
{
    public const string AdminEmail = "jimukyoku@example.jp";
    public const string AdminPassword = "koriyama no kingyo ga oyogu";

    public WorkflowSite()
    {
        Site.WithSetting("Zaitaku:Backoffice:Unattended:Email", AdminEmail)
            .WithSetting("Zaitaku:Backoffice:Unattended:Password", AdminPassword)
            .WithSetting("Zaitaku:Backoffice:Unattended:DisplayName", "事務局 管理者");
    }
}

/// <summary>
/// The weekly workflow, end to end in Chromium, each person in a browser of their own: the
/// secretariat adds a column slot and the people; the 医師会 editor writes it (with the live preview)
/// and sends it for review; a reviewer schedules it; the page appears on the public site at its time.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowTests(WorkflowSite site) : IClassFixture<WorkflowSite>
{
    private Task<IPage> SignInAsync(string email, string password) => site.SignInAsync(email, password);

    private static async Task CreateUserAsync(IPage admin, string name, string email, string group, string? association)
    {
        await admin.GotoAsync("/umbraco/users/create");
        await admin.GetByLabel("お名前").FillAsync(name);
        await admin.GetByLabel("メールアドレス").FillAsync(email);
        await admin.GetByLabel("グループ").SelectOptionAsync(new SelectOptionValue { Label = group });
        if (association is not null) await admin.GetByLabel("担当の団体").SelectOptionAsync(new SelectOptionValue { Label = association });
        await admin.GetByLabel("最初のパスワード").FillAsync("hajimete no pasuwado desu");
        await admin.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await admin.WaitForURLAsync("**/umbraco/users");
    }

    [Fact]
    public async Task An_editor_writes_a_reviewer_schedules_and_the_column_appears_at_its_time()
    {
        // The secretariat: the people, then the next issue on the schedule board.
        var admin = await SignInAsync(WorkflowSite.AdminEmail, WorkflowSite.AdminPassword);
        await CreateUserAsync(admin, "医師会 編集者", "ishikai@example.jp", "職能団体の編集者", "大和郡山市医師会");
        await CreateUserAsync(admin, "事務局 確認者", "kakunin@example.jp", "確認者", null);
        await admin.GotoAsync("/umbraco/columns");
        await admin.GetByLabel("発行日").FillAsync("2027-01-15");
        await admin.GetByLabel("テーマ").FillAsync("冬の脱水に気をつけましょう");
        await admin.GetByLabel("執筆団体").SelectOptionAsync(new SelectOptionValue { Label = "大和郡山市医師会" });
        await admin.GetByLabel("原稿の締切日").FillAsync("2026-12-20");
        await admin.GetByRole(AriaRole.Button, new() { Name = "号を追加する" }).ClickAsync();
        await admin.WaitForSelectorAsync("text=冬の脱水に気をつけましょう");

        // The editor: the dashboard names the slot; writing shows the live preview; then off for review.
        var editor = await SignInAsync("ishikai@example.jp", "hajimete no pasuwado desu");
        var nextSlot = editor.Locator(".next-slot");
        Assert.Contains("冬の脱水に気をつけましょう", await nextSlot.TextContentAsync());
        Assert.Contains("未着手", await nextSlot.TextContentAsync());
        await nextSlot.GetByRole(AriaRole.Link, new() { Name = "冬の脱水に気をつけましょう" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Markdown で編集" }).ClickAsync();
        await editor.GetByLabel("本文（必須）").FillAsync("## 水分をこまめに\n\n冬も、のどが渇く前に**少しずつ**飲みましょう。");
        var preview = editor.Locator(".live-preview .prose");
        await preview.Locator("h2", new() { HasText = "水分をこまめに" }).WaitForAsync();
        Assert.Equal("少しずつ", await preview.Locator("strong").TextContentAsync());
        await Axe.AssertNoViolationsAsync(editor, "edit form with the live preview");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存して確認を依頼" }).ClickAsync();
        await editor.WaitForSelectorAsync("text=確認を依頼しました");

        // The reviewer: the request waits on the dashboard; a publish time twenty minutes ahead, in Japan time.
        var reviewer = await SignInAsync("kakunin@example.jp", "hajimete no pasuwado desu");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "冬の脱水に気をつけましょう" }).ClickAsync();
        var publishAt = Zaitaku.Core.Dates.JapaneseDates.ToJapanTime(site.Site.Clock.Now.UtcDateTime.AddMinutes(20));
        await reviewer.GetByLabel("公開する日時").FillAsync(publishAt.ToString("yyyy-MM-ddTHH:mm"));
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "保存して予約" }).ClickAsync();
        await reviewer.WaitForSelectorAsync("text=予約しました");
        Assert.Contains($"{publishAt:HH:mm}", await reviewer.Locator(".schedule").TextContentAsync());

        var reader = await site.NewPageAsync();
        Assert.Equal(404, (await reader.GotoAsync("/columns/2027-01-15/"))!.Status);

        // Its time comes: the scheduler's round (the hosted service runs the same every half minute).
        site.Site.Clock.Now = site.Site.Clock.Now.AddMinutes(21);
        await site.Site.Services.GetRequiredService<ScheduledPublisher>().RunDueAsync();

        Assert.Equal(200, (await reader.GotoAsync("/columns/2027-01-15/"))!.Status);
        Assert.Contains("冬も、のどが渇く前に", await reader.Locator("main").TextContentAsync());
        await reader.GotoAsync("/columns/");
        Assert.Contains("冬の脱水に気をつけましょう", await reader.Locator("main").TextContentAsync());

        await editor.GotoAsync("/umbraco");
        Assert.Contains("公開済み", await editor.Locator("main").TextContentAsync());
        foreach (var page in new[] { admin, editor, reviewer, reader }) await page.Context.CloseAsync();
    }
}
