using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>Residents' side of the seeded forms: where they are, what a mistake looks like, what a submission keeps.</summary>
public sealed class PublicFormTests : IClassFixture<PublicFormTests.Site>
{
    public sealed class Site : IDisposable
    {
        public SiteFactory Factory { get; } = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        public void Dispose() => Factory.Dispose();
    }

    public const string Enquiry = "事務局へのお問い合わせ";
    public const string Feedback = "このページの情報は役に立ちましたか";
    private readonly SiteFactory _factory;

    public PublicFormTests(Site site) => _factory = site.Factory;

    private FormFiller Person() => new(new BackofficeClient(_factory).Http);

    private async Task<T> WithDb<T>(Func<ZaitakuDbContext, Task<T>> read)
    {
        return await _factory.WithDatabaseAsync(async db => await read(db));
    }

    private async Task<List<FormEntry>> EntriesOfAsync(string formName) => await WithDb(async db =>
    {
        var form = await db.Forms.SingleAsync(f => f.Name == formName);
        return await db.FormEntries.Where(e => e.FormId == form.Id).OrderBy(e => e.Id).ToListAsync();
    });

    [Theory]
    [InlineData("/about/kataroukai/", "認知症について語ろう会（サンプル）参加申込")]
    [InlineData("/acp/kouenkai/", "ACP講演会（サンプル）参加申込")]
    [InlineData("/contact/", Enquiry)]
    [InlineData("/watashi-note/", "わたしノート（紙）の送付申込")]
    public async Task Each_seeded_form_is_on_its_page_with_a_consent_line_and_is_never_cached(string url, string formName)
    {
        var person = Person();
        var first = await person.Http.GetStringAsync(url);
        var second = await new BackofficeClient(_factory).Http.GetStringAsync(url);

        var filled = FormFiller.Fill(first, formName);
        Assert.Contains(filled.Fields, f => f.Key == "__RequestVerificationToken");
        Assert.Contains("上記の個人情報の取り扱いに同意する", first);
        Assert.Matches("自動で削除します", Html.Text(first));
        // Each visitor gets a token of their own: the page did not come from the output cache.
        Assert.NotEqual(FormFiller.Fill(second, formName).Fields.First(f => f.Key == "__RequestVerificationToken").Value,
            filled.Fields.First(f => f.Key == "__RequestVerificationToken").Value);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/columns/")]
    [InlineData("/soudan/")]
    [InlineData("/search?q=認知症")]
    public async Task The_page_feedback_form_is_at_the_foot_of_every_page_without_a_token(string url)
    {
        var http = Person().Http;
        if (url.StartsWith("/search")) await SearchReady.WaitAsync(http);
        var html = await http.GetStringAsync(url);

        var filled = FormFiller.Fill(html, Feedback);
        Assert.DoesNotContain(filled.Fields, f => f.Key == "__RequestVerificationToken");
        Assert.Contains("役に立った", html);
        Assert.Contains("どちらともいえない", html);
        Assert.Contains("役に立たなかった", html);
    }

    [Fact]
    public async Task Mistakes_get_a_message_beside_each_field_and_nothing_typed_is_lost()
    {
        var person = Person();
        var before = (await EntriesOfAsync(Enquiry)).Count;
        var response = await person.SubmitAsync("/contact/", Enquiry,
            ("メールアドレス", "taro＠example"), ("電話番号", "０７４３‐００‐００００"), ("お問い合わせの内容", "わたしノートの書き方について\n教えてください。"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Html.Text(html);
        Assert.Contains("送信できませんでした", text);
        Assert.Contains("「お名前」を入力してください。", text);
        Assert.Contains("「メールアドレス」はメールアドレスの形で入力してください", text);
        Assert.Contains("「お問い合わせの種類」を選んでください。", text);
        Assert.Contains("同意いただける場合はチェックを入れてください", text);
        Assert.DoesNotContain("「電話番号」は", text); // full-width digits are fine
        // What was typed is still there, as typed.
        Assert.Contains("value=\"taro＠example\"", html);
        Assert.Contains("わたしノートの書き方について\n教えてください。</textarea>", WebUtility.HtmlDecode(html));
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(before, (await EntriesOfAsync(Enquiry)).Count);
    }

    [Fact]
    public async Task An_enquiry_is_stored_encrypted_and_the_secretariat_is_told_without_personal_data()
    {
        var person = Person();
        var response = await person.SubmitAsync("/contact/", Enquiry,
            ("お名前", "郡山 花子"), ("メールアドレス", "hanako@example.jp"), ("電話番号", "０７４３－１２－３４５６"),
            ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"), ("お問い合わせの内容", "紙のわたしノートはどこでもらえますか。"),
            ("個人情報の取り扱い", "同意する"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var thanks = await person.Http.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("送信しました", thanks);
        Assert.Contains("お返事までに数日かかることがあります", thanks);
        Assert.Contains("<a href=\"/contact/\">もとのページに戻る</a>", thanks);

        var entry = (await EntriesOfAsync(Enquiry)).Last(e => e.PageUrl == "/contact/");
        Assert.DoesNotContain("郡山", entry.ProtectedValues);
        Assert.DoesNotContain("hanako", entry.ProtectedValues);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var values = scope.ServiceProvider.GetRequiredService<FormEntries>().Read(entry);
            Assert.Equal("郡山 花子", values.Single(v => v.Label == "お名前").Value);
            Assert.Equal("0743-12-3456", values.Single(v => v.Label == "電話番号").Value);
        }
        var mails = await WithDb(db => db.OutgoingMails.Where(m => m.Subject.Contains($"受付番号 {entry.Receipt}")).ToListAsync());
        var notice = mails.Single(m => m.To == "zaitaku-jimukyoku@example.jp");
        Assert.DoesNotContain("郡山", notice.Body);
        Assert.DoesNotContain("hanako", notice.Body);
        Assert.DoesNotContain("わたしノートはどこで", notice.Body);
        Assert.Contains($"/umbraco/forms/entries/{entry.Key:N}", notice.Body);
        // An enquiry is no sign-up: nobody but the secretariat is mailed (issue 11, item 8).
        Assert.DoesNotContain(mails, m => m.To == "hanako@example.jp");
    }

    [Fact]
    public async Task A_submission_without_the_page_token_is_refused_and_keeps_what_was_typed()
    {
        var person = Person();
        var before = (await EntriesOfAsync(Enquiry)).Count;
        var filled = await person.FillAsync("/contact/", Enquiry, ("お名前", "郡山 太郎"), ("お問い合わせの内容", "トークンなし"));
        filled.Fields.RemoveAll(f => f.Key == "__RequestVerificationToken");

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ページを開いてから時間がたったため", html);
        Assert.Contains("value=\"郡山 太郎\"", html);
        Assert.Equal(before, (await EntriesOfAsync(Enquiry)).Count);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_form_sent_from_another_site_is_refused(string header, string value)
    {
        var person = Person();
        var before = (await EntriesOfAsync(Feedback)).Count;
        var filled = await person.FillAsync("/", Feedback, ("このページの評価", "役に立った"));

        var response = await person.SendAsync(filled, r => r.Headers.Add(header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("このサイトのページから送信してください", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await EntriesOfAsync(Feedback)).Count);
    }

    [Fact]
    public async Task Page_feedback_is_sent_from_a_cached_page_and_remembers_the_page()
    {
        var person = Person();
        var response = await person.SubmitAsync("/soudan/", Feedback, ("このページの評価", "役に立たなかった"), ("ご意見", "電話番号がのっていない"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var entry = (await EntriesOfAsync(Feedback)).Last();
        Assert.Equal("/soudan/", entry.PageUrl);
        Assert.Equal(EntryStatus.Received, entry.Status);
        // Feedback tells the secretariat nothing by mail: it would be one mail per click.
        Assert.False(await WithDb(db => db.OutgoingMails.AnyAsync(m => m.Subject.Contains($"受付番号 {entry.Receipt}"))));
    }

    [Fact]
    public async Task Feedback_without_a_rating_shows_the_form_again_on_its_own_page()
    {
        var response = await Person().SubmitAsync("/soudan/", Feedback, ("ご意見", "評価を選び忘れた"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("「このページの評価」を選んでください。", Html.Text(html));
        Assert.Contains("評価を選び忘れた</textarea>", html);
        Assert.Contains("<a href=\"/soudan/\">医療と介護の相談窓口</a>", html); // breadcrumbs lead back
    }

    [Fact]
    public async Task A_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept()
    {
        var person = Person();
        var before = (await EntriesOfAsync(Feedback)).Count;
        var filled = await person.FillAsync("/", Feedback, ("このページの評価", "役に立った"));
        filled.Fields.Add(KeyValuePair.Create(FormGuard.HoneypotField, "http://spam.example"));

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(before, (await EntriesOfAsync(Feedback)).Count);
    }

    [Fact]
    public async Task Unknown_forms_and_odd_requests_get_a_4xx()
    {
        var http = Person().Http;
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/forms/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/forms/{Guid.NewGuid()}", new FormUrlEncodedContent([]))).StatusCode);
        var form = await WithDb(db => db.Forms.SingleAsync(f => f.Name == Enquiry));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync($"/forms/{form.Key}", new StringContent("{}"))).StatusCode);
        // A page field pointing elsewhere is dropped, never followed.
        var thanks = await http.GetStringAsync($"/forms/{form.Key}/thanks?page=//evil.example/&status=<b>");
        Assert.DoesNotContain("evil.example", thanks);
        Assert.DoesNotContain("<b>", thanks);
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_typed_and_shown_encoded()
    {
        var response = await Person().SubmitAsync("/", Feedback, ("このページの評価", "どちらともいえない"), ("ご意見", "<script>alert(1)</script>=cmd|' /C calc'!A0"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        var entry = (await EntriesOfAsync(Feedback)).Last();
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.Equal("<script>alert(1)</script>=cmd|' /C calc'!A0",
            scope.ServiceProvider.GetRequiredService<FormEntries>().Read(entry).Single(v => v.Label.StartsWith("ご意見")).Value);
    }
}
