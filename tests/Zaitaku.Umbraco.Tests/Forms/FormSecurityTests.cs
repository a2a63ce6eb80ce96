using System.Net;
using Zaitaku.Core.Forms;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>Designers' patterns, confirmation mail that cannot be turned on strangers, and posts of any size.</summary>
public sealed class FormSecurityTests(SharedSite site) : IClassFixture<SharedSite>
{
    public static (string, string)[] PaperAnswers(string name) =>
    [
        ("お名前", name), ("郵便番号", "１２３－４５６７"), ("住所", "大和郡山市（サンプル）1-2-3"), ("ご希望のもの", "わたしノート"),
        ("冊数", "１"), ("個人情報の取り扱い", "同意する"),
    ];

    [Theory]
    [InlineData("(?=.*[0-9])[0-9a-z]+", "先読み")]
    [InlineData("[a-z]+(?<!x)", "後読み")]
    [InlineData("(a)\\1", "後方参照")]
    [InlineData("(?>a+)b", "アトミックグループ")]
    public void A_pattern_the_safe_engine_cannot_run_is_refused_saying_which_part(string pattern, string part)
    {
        var problem = FormSubmission.PatternProblem(pattern);

        Assert.NotNull(problem);
        Assert.Contains(part, problem);
    }

    [Fact]
    public async Task A_confirmation_goes_only_to_sign_ups_never_more_than_three_a_day_to_one_address_and_repeats_nothing_typed()
    {
        var victim = Address("victim");
        // An enquiry form that still has the confirmation switched on from before: it sends none.
        var enquiry = await CopyAsync(Enquiry, f => { f.ConfirmToSubmitter = true; f.NotifyEmail = null; });
        var response = await new FormFiller(Person.Browser()).SubmitAsync(PageOf(enquiry), enquiry.Name,
            ("お名前", "郡山 花子"), ("メールアドレス", victim), ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"),
            ("お問い合わせの内容", "http://evil.example/ を開いてください"), ("個人情報の取り扱い", "同意する"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Empty(await MailsToAsync(victim));

        var signUp = await CopyAsync(Kataroukai, f => f.NotifyEmail = null);
        for (var n = 1; n <= 5; n++)
        {
            var sent = await new FormFiller(Person.Browser()).SubmitAsync(PageOf(signUp, "/about/kataroukai/"), signUp.Name,
                ("お名前", $"http://evil.example/{n}"), ("ふりがな", "こおりやま"), ("電話番号", "0743-00-0000"), ("メールアドレス", victim),
                ("参加される方", "民生委員・自治会"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }

        var mails = await MailsToAsync(victim);
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain("evil.example", m.Subject + m.Body));
    }

    /// <summary>
    /// Bigger than the 1 MB a form takes, bigger than ASP.NET's 4 MB for one form value (where Umbraco's routing
    /// used to lose the post: 404), near and beyond Umbraco's 50 MB request limit: every size gets the form back with
    /// what was typed, in Japanese, as 413.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(30)]
    [InlineData(200)]
    public async Task A_post_over_the_limit_gets_a_japanese_413_with_what_was_typed_at_every_size(int megabytes)
    {
        var form = await CopyAsync(Paper, f => f.NotifyEmail = null);
        var person = new FormFiller(Person.Browser());
        var filled = await person.FillAsync(PageOf(form, "/watashi-note/"), form.Name, PaperAnswers("郡山 五郎"));
        // A pasted wall of text in the middle of the form: the fields after it are kept too.
        filled.Fields.Insert(filled.Fields.Count / 2, KeyValuePair.Create("padding", new string('x', megabytes * 1024 * 1024)));

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("送信された内容が多すぎます", Html.Text(html));
        Assert.Contains("value=\"郡山 五郎\"", html);
        Assert.Contains("value=\"大和郡山市（サンプル）1-2-3\"", html);
        Assert.Contains("checked=\"checked\"", html); // the consent ticked, after the padding
        Assert.Contains("lang=\"ja\"", html);
        Assert.Empty(await EntriesAsync(form));
    }

    [Fact]
    public async Task One_answer_far_over_its_length_is_cut_and_the_rest_kept()
    {
        var form = await CopyAsync(Enquiry, f => f.NotifyEmail = null);
        var person = new FormFiller(Person.Browser());
        var filled = await person.FillAsync(PageOf(form), form.Name, ("お名前", "郡山 六郎"), ("お問い合わせの内容", new string('あ', 500_000)));

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("長すぎる欄は途中までを残しています", html);
        Assert.Contains("value=\"郡山 六郎\"", html);
        Assert.Contains(new string('あ', 1000), html);
    }
}
