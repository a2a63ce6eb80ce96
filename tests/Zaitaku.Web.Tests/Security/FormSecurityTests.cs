using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// Issue 11, items 8 and 9: designers' patterns, the per-address limit, confirmation mail, large
/// posts, forms placed on columns and the entries export.
/// </summary>
public sealed class FormSecurityTests : IAsyncLifetime
{
    private const string Paper = "わたしノート（紙）の送付申込";
    private const string Enquiry = "事務局へのお問い合わせ";
    private const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";
    private readonly BackofficeAccounts _accounts = new();

    public async Task InitializeAsync()
    {
        _accounts.Factory.WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        await _accounts.InitializeAsync();
    }

    public Task DisposeAsync() => _accounts.DisposeAsync();

    private BackofficeClient Admin => _accounts.Clients["Administrators"];

    private async Task<T> WithDbAsync<T>(Func<ZaitakuDbContext, Task<T>> read)
    {
        return await _accounts.Factory.WithDatabaseAsync(async db => await read(db));
    }

    private static (string, string)[] Paper_(string name) =>
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
    public void A_catastrophic_pattern_runs_on_the_safe_engine_and_still_checks_answers()
    {
        Assert.Null(FormSubmission.PatternProblem("(a+)+b"));
        var field = new FormField { Key = Guid.NewGuid(), Label = "記号", Type = FormFieldType.ShortText, Pattern = "(a+)+b", PatternMessage = "形式が違います" };
        var hostile = new string('a', 150) + "!"; // within the field's 200 characters

        var (_, refused) = FormSubmission.Read([field], new Dictionary<Guid, IReadOnlyList<string>> { [field.Key] = [hostile] });
        var (values, accepted) = FormSubmission.Read([field], new Dictionary<Guid, IReadOnlyList<string>> { [field.Key] = ["aaab"] });

        Assert.Equal("形式が違います", Assert.Single(refused).Message);
        Assert.Empty(accepted);
        Assert.Equal("aaab", Assert.Single(values).Value);
    }

    [Fact]
    public async Task Invalid_submissions_count_toward_the_per_address_limit()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "3");
        var person = new FormFiller(new BackofficeClient(factory).Http);
        for (var n = 1; n <= 3; n++)
        {
            var wrong = await person.SubmitAsync("/watashi-note/", Paper, ("お名前", $"試し {n}"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var right = await person.SubmitAsync("/watashi-note/", Paper, Paper_("郡山 四郎"));

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var html = await right.Content.ReadAsStringAsync();
        Assert.Contains("短い時間に送信が続いたため", html);
        Assert.Contains("value=\"郡山 四郎\"", html);
    }

    [Fact]
    public async Task A_post_over_one_megabyte_gets_a_japanese_413_with_what_was_typed()
    {
        var person = new FormFiller(new BackofficeClient(_accounts.Factory).Http);
        var filled = await person.FillAsync("/watashi-note/", Paper, Paper_("郡山 五郎"));
        filled.Fields.Add(KeyValuePair.Create("padding", new string('x', 1_200_000)));

        var response = await person.SendAsync(filled);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("送信された内容が多すぎます", Html.Text(html));
        Assert.Contains("value=\"郡山 五郎\"", html);
        Assert.Contains("lang=\"ja\"", html);
    }

    [Fact]
    public async Task A_confirmation_goes_only_to_sign_ups_never_more_than_three_a_day_to_one_address_and_repeats_nothing_typed()
    {
        // An enquiry form that still has the confirmation switched on from before: it sends none.
        await WithDbAsync(async db => await db.Forms.Where(f => f.Name == Enquiry).ExecuteUpdateAsync(s => s.SetProperty(f => f.ConfirmToSubmitter, true)));
        await _accounts.Factory.Services.GetRequiredService<FormCatalog>().RefreshAsync();
        var person = new FormFiller(new BackofficeClient(_accounts.Factory).Http);
        var enquiry = await person.SubmitAsync("/contact/", Enquiry,
            ("お名前", "郡山 花子"), ("メールアドレス", "victim@example.jp"), ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"),
            ("お問い合わせの内容", "http://evil.example/ を開いてください"), ("個人情報の取り扱い", "同意する"));
        Assert.Equal(HttpStatusCode.SeeOther, enquiry.StatusCode);
        Assert.Equal(0, await WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == "victim@example.jp")));

        for (var n = 1; n <= 5; n++)
        {
            var signUp = await person.SubmitAsync("/about/kataroukai/", Kataroukai,
                ("お名前", $"http://evil.example/{n}"), ("ふりがな", "こおりやま"), ("電話番号", "0743-00-0000"), ("メールアドレス", "victim@example.jp"),
                ("参加される方", "民生委員・自治会"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, signUp.StatusCode);
        }

        var mails = await WithDbAsync(db => db.OutgoingMails.Where(m => m.To == "victim@example.jp").ToListAsync());
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain("evil.example", m.Subject + m.Body));
    }

    [Fact]
    public async Task The_designer_offers_the_confirmation_only_to_forms_with_places()
    {
        var edit = "/umbraco/forms/" + await WithDbAsync(db => db.Forms.Where(f => f.Name == Enquiry).Select(f => f.Id).SingleAsync());

        var response = await Admin.EditAndSubmitAsync(edit, ("command", "save"), ("ConfirmToSubmitter", "true"), ("Capacity", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("定員のある申し込み", Html.Text(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_association_editor_cannot_place_another_associations_form_on_their_column()
    {
        var url = await _accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        var kataroukai = await WithDbAsync(db => db.Forms.Where(f => f.Name == Kataroukai).Select(f => f.Key).SingleAsync());

        var response = await _accounts.Clients["AssociationEditors"].EditAndSubmitAsync(url, ("command", "save"), ("Values[form]", kataroukai.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("フォームの一覧から選んでください", Html.Text(await response.Content.ReadAsStringAsync()));
        var byAdmin = await Admin.EditAndSubmitAsync(url, ("command", "save"), ("Values[form]", kataroukai.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.StatusCode);
    }

    [Theory]
    [InlineData("＝HYPERLINK(\"http://evil.example\")")]
    [InlineData("＋1+1")]
    [InlineData("＠SUM(1)")]
    [InlineData("－1+1")]
    [InlineData("−1+1")]
    public async Task Full_width_formula_characters_at_the_start_of_a_cell_are_escaped_in_the_export(string name)
    {
        var person = new FormFiller(new BackofficeClient(_accounts.Factory).Http);
        Assert.Equal(HttpStatusCode.SeeOther, (await person.SubmitAsync("/watashi-note/", Paper, Paper_(name))).StatusCode);
        var id = await WithDbAsync(db => db.Forms.Where(f => f.Name == Paper).Select(f => f.Id).SingleAsync());

        var bytes = await (await Admin.GetAsync($"/umbraco/forms/{id}/entries.csv")).Content.ReadAsByteArrayAsync();

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var names = new List<string>();
        while (await csv.ReadAsync()) names.Add(csv.GetField(5)!);
        Assert.Contains("'" + name, names);
    }
}
