using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>
/// Residents' side of the forms (the old site's PublicFormTests on the Umbraco host): what a mistake looks like,
/// what a submission keeps, who is told. The forms are shown on a page of their own (/forms/{key}?page=…) until the
/// page templates are on Umbraco; the layout places them below the body of the page that names them.
/// </summary>
public sealed class PublicFormTests(SharedSite site) : IClassFixture<SharedSite>
{
    private static FormFiller Someone() => new(Person.Browser());

    [Theory]
    [InlineData("/about/kataroukai/", Kataroukai)]
    [InlineData("/acp/kouenkai/", Acp)]
    [InlineData("/contact/", Enquiry)]
    [InlineData("/watashi-note/", Paper)]
    public async Task Each_seeded_form_has_a_consent_line_and_a_token_of_its_own_and_is_never_cached(string page, string formName)
    {
        var form = await SeededAsync(formName);
        var response = await Person.Browser().GetAsync(PageOf(form, page));
        var first = await response.Content.ReadAsStringAsync();
        var second = await Person.Browser().GetStringAsync(PageOf(form, page));

        var filled = FormFiller.Fill(first, formName);
        Assert.Contains(filled.Fields, f => f.Key == "__RequestVerificationToken");
        Assert.Contains("上記の個人情報の取り扱いに同意する", first);
        Assert.Matches("自動で削除します", Html.Text(first));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        // Each visitor gets a token of their own: the page did not come from a cache.
        Assert.NotEqual(FormFiller.Fill(second, formName).Fields.First(f => f.Key == "__RequestVerificationToken").Value,
            filled.Fields.First(f => f.Key == "__RequestVerificationToken").Value);
        Assert.Contains("lang=\"ja\"", first);
    }

    [Fact]
    public async Task The_page_feedback_form_carries_no_token_and_offers_three_ratings()
    {
        var form = await SeededAsync(Feedback);
        var html = await Person.Browser().GetStringAsync(PageOf(form, "/soudan/"));

        var filled = FormFiller.Fill(html, Feedback);
        Assert.DoesNotContain(filled.Fields, f => f.Key == "__RequestVerificationToken");
        Assert.Contains("役に立った", html);
        Assert.Contains("どちらともいえない", html);
        Assert.Contains("役に立たなかった", html);
    }

    [Fact]
    public async Task Mistakes_get_a_message_beside_each_field_and_nothing_typed_is_lost()
    {
        var form = await CopyAsync(Enquiry);
        var response = await Someone().SubmitAsync(PageOf(form), form.Name,
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
        Assert.Empty(await EntriesAsync(form));
    }

    [Fact]
    public async Task An_enquiry_is_stored_encrypted_and_the_secretariat_is_told_without_personal_data()
    {
        var secretariat = Address("jimukyoku");
        var form = await CopyAsync(Enquiry, f => f.NotifyEmail = secretariat);
        var person = Someone();
        var response = await person.SubmitAsync(PageOf(form), form.Name,
            ("お名前", "郡山 花子"), ("メールアドレス", "hanako@example.jp"), ("電話番号", "０７４３－１２－３４５６"),
            ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"), ("お問い合わせの内容", "紙のわたしノートはどこでもらえますか。"),
            ("個人情報の取り扱い", "同意する"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var thanks = await person.Http.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("送信しました", thanks);
        Assert.Contains("お返事までに数日かかることがあります", thanks);
        Assert.Contains("<a href=\"/contact/\">もとのページに戻る</a>", thanks);
        Assert.Contains("<a href=\"/contact/\">お問い合わせ</a>", thanks); // breadcrumbs through the page

        var entry = Assert.Single(await EntriesAsync(form));
        Assert.Equal("/contact/", entry.PageUrl);
        Assert.DoesNotContain("郡山", entry.ProtectedValues);
        Assert.DoesNotContain("hanako", entry.ProtectedValues);
        var values = site.Factory.Services.GetRequiredService<FormEntries>().Read(entry);
        Assert.Equal("郡山 花子", values.Single(v => v.Label == "お名前").Value);
        Assert.Equal("0743-12-3456", values.Single(v => v.Label == "電話番号").Value);
        var notice = Assert.Single(await MailsToAsync(secretariat));
        Assert.Contains($"受付番号 {entry.Receipt}", notice.Subject);
        Assert.DoesNotContain("郡山", notice.Body);
        Assert.DoesNotContain("hanako", notice.Body);
        Assert.DoesNotContain("わたしノートはどこで", notice.Body);
        Assert.Contains(SiteFactory.TestPublicUrl + FormEntries.BackofficePath(entry.Key), notice.Body); // from configuration
        // An enquiry is no sign-up: nobody but the secretariat is mailed.
        Assert.Empty(await MailsToAsync("hanako@example.jp"));
    }

    [Fact]
    public async Task A_submission_without_the_page_token_is_refused_and_keeps_what_was_typed()
    {
        var form = await CopyAsync(Enquiry);
        var person = Someone();
        var filled = await person.FillAsync(PageOf(form), form.Name, ("お名前", "郡山 太郎"), ("お問い合わせの内容", "トークンなし"));
        filled.Fields.RemoveAll(f => f.Key == "__RequestVerificationToken");

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ページを開いてから時間がたったため", html);
        Assert.Contains("value=\"郡山 太郎\"", html);
        Assert.Empty(await EntriesAsync(form));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_form_sent_from_another_site_is_refused(string header, string value)
    {
        var form = await CopyAsync(Feedback);
        var person = Someone();
        var filled = await person.FillAsync(PageOf(form, "/"), form.Name, ("このページの評価", "役に立った"));

        var response = await person.SendAsync(filled, r => r.Headers.Add(header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("このサイトのページから送信してください", await response.Content.ReadAsStringAsync());
        Assert.Empty(await EntriesAsync(form));
    }

    [Fact]
    public async Task Page_feedback_needs_no_token_remembers_the_page_and_mails_nobody()
    {
        var form = await CopyAsync(Feedback);
        var response = await Someone().SubmitAsync(PageOf(form, "/soudan/"), form.Name, ("このページの評価", "役に立たなかった"), ("ご意見", "電話番号がのっていない"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(form));
        Assert.Equal("/soudan/", entry.PageUrl);
        Assert.Equal(EntryStatus.Received, entry.Status);
        // Feedback tells the secretariat nothing by mail: it would be one mail per click.
        Assert.False(await WithDbAsync(db => Task.FromResult(db.Outbox.Any(m => m.Subject.Contains($"受付番号 {entry.Receipt}")))));
    }

    [Fact]
    public async Task Feedback_without_a_rating_shows_the_form_again_with_the_way_back()
    {
        var form = await CopyAsync(Feedback);
        var response = await Someone().SubmitAsync(PageOf(form, "/soudan/"), form.Name, ("ご意見", "評価を選び忘れた"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("「このページの評価」を選んでください。", Html.Text(html));
        Assert.Contains("評価を選び忘れた</textarea>", html);
        Assert.Contains("<a href=\"/soudan/\">医療と介護の相談窓口</a>", html); // breadcrumbs lead back
    }

    [Fact]
    public async Task A_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept()
    {
        var form = await CopyAsync(Feedback);
        var person = Someone();
        var filled = await person.FillAsync(PageOf(form, "/"), form.Name, ("このページの評価", "役に立った"));
        filled.Fields.Add(KeyValuePair.Create(FormGuard.HoneypotField, "http://spam.example"));

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Empty(await EntriesAsync(form));
    }

    [Fact]
    public async Task Unknown_forms_and_odd_requests_get_a_4xx()
    {
        var http = Person.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/forms/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/forms/{Guid.NewGuid()}", new FormUrlEncodedContent([]))).StatusCode);
        var form = await SeededAsync(Enquiry);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync($"/forms/{form.Key}", new StringContent("{}"))).StatusCode);
        var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var unreadable = await http.PostAsync($"/forms/{form.Key}", broken);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("送信された内容を読み取れませんでした", await unreadable.Content.ReadAsStringAsync());
        // A page field pointing elsewhere is dropped, never followed; the status is one of three words.
        var thanks = await http.GetStringAsync($"/forms/{form.Key}/thanks?page=//evil.example/&status=<b>&r=<i>1</i>");
        Assert.DoesNotContain("evil.example", thanks);
        Assert.DoesNotContain("<b>", thanks);
        Assert.DoesNotContain("<i>1</i>", thanks);
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_typed_and_shown_encoded()
    {
        var form = await CopyAsync(Feedback);
        var hostile = "<script>alert(1)</script>=cmd|' /C calc'!A0";
        var again = await Someone().SubmitAsync(PageOf(form, "/"), form.Name, ("ご意見", hostile));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", await again.Content.ReadAsStringAsync());

        var response = await Someone().SubmitAsync(PageOf(form, "/"), form.Name, ("このページの評価", "どちらともいえない"), ("ご意見", hostile));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(form));
        Assert.Equal(hostile, site.Factory.Services.GetRequiredService<FormEntries>().Read(entry).Single(v => v.Label.StartsWith("ご意見")).Value);
    }
}
