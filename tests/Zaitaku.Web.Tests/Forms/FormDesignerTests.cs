using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>The secretariat designs a form, places it on a page, and a resident fills it in.</summary>
public sealed class FormDesignerTests : IAsyncLifetime
{
    private readonly BackofficeAccounts _accounts = new();
    public Task InitializeAsync() => _accounts.InitializeAsync();
    public Task DisposeAsync() => _accounts.DisposeAsync();

    private BackofficeClient Admin => _accounts.Clients["Administrators"];

    private async Task<string> CreateAsync(string name)
    {
        var created = await Admin.PostFormAsync("/umbraco/forms/create", "/umbraco/forms/create", ("Name", name));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return BackofficeAccounts.Where(created);
    }

    private Task<HttpResponseMessage> AddFieldAsync(string url, string label, string type, params (string, string)[] more) =>
        Admin.EditAndSubmitAsync(url, ("save", "1"), [("NewField.Label", label), ("NewField.Type", type), .. more]);

    [Fact]
    public async Task A_designed_form_placed_on_a_page_takes_entries_with_its_own_rules()
    {
        var url = await CreateAsync("介護予防教室（サンプル）申込");
        Assert.Equal(HttpStatusCode.Redirect, (await AddFieldAsync(url, "お名前", "ShortText", ("NewField.Mandatory", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddFieldAsync(url, "希望する日", "Date", ("NewField.HelpText", "平日から選んでください"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddFieldAsync(url, "参加の回数", "Number", ("NewField.Pattern", "[1-9]"), ("NewField.PatternMessage", "回数は1から9で入力してください。"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddFieldAsync(url, "関心のあること", "MultipleChoice", ("NewField.Options", "運動\n食事\n口の健康"))).StatusCode);
        // The date field moves to the top.
        var html = await Admin.Http.GetStringAsync(url);
        Assert.Contains("項目2：希望する日", html);
        Assert.Equal(HttpStatusCode.Redirect, (await Admin.EditAndSubmitAsync(url, ("save", "1"), ("Fields[1].SortOrder", "5"))).StatusCode);
        Assert.Contains("項目1：希望する日", await Admin.Http.GetStringAsync(url));

        // Placed on 事業について and published.
        var key = Regex.Match(html, "href=\"/forms/([0-9a-f-]{36})\"").Groups[1].Value;
        var page = await _accounts.EditUrlAsync("事業について");
        Assert.Equal(HttpStatusCode.Redirect, (await Admin.EditAndSubmitAsync(page, ("command", "publish"), ("Values[form]", key))).StatusCode);
        Assert.Contains($"<a href=\"/umbraco/content/{page.Split('/').Last()}\">事業について</a>", await Admin.Http.GetStringAsync(url));

        var person = new FormFiller(new BackofficeClient(_accounts.Factory).Http);
        var wrong = await person.SubmitAsync("/about/", "介護予防教室（サンプル）申込", ("希望する日", "2026/13/40"), ("参加の回数", "12"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var text = Html.Text(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("「お名前」を入力してください。", text);
        Assert.Contains("「希望する日」は日付で入力してください", text);
        Assert.Contains("回数は1から9で入力してください。", text);

        var right = await person.SubmitAsync("/about/", "介護予防教室（サンプル）申込",
            ("お名前", "郡山 五郎"), ("希望する日", "2027-01-15"), ("参加の回数", "３"), ("関心のあること", "運動|口の健康"));
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        var entries = await Admin.Http.GetStringAsync(url.Replace("/umbraco/forms/", "/umbraco/forms/") + "/entries");
        Assert.Contains("郡山 五郎", entries);

        // A form on a page cannot be deleted until it is taken off the page.
        var delete = await Admin.PostFormAsync(url + "/delete", url + "/delete");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("ページに置かれているため削除できません", await delete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_designer_explains_what_cannot_be_saved_and_keeps_the_rest()
    {
        var url = await CreateAsync("下書きのフォーム");
        var refused = await Admin.EditAndSubmitAsync(url, ("save", "1"),
            ("NewField.Label", "メール"), ("NewField.Type", "Email"), ("NewField.Pattern", "[a-z"),
            ("RetentionDays", "0"), ("Capacity", "たくさん"), ("NotifyEmail", "not an address"), ("ConfirmToSubmitter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var text = Html.Text(html);
        Assert.Contains("入力の形式（正規表現）が正しくありません。", text);
        Assert.Contains("受付の保存期間を1から3650までの日数で入力してください。", text);
        Assert.Contains("定員は1以上の整数で入力してください", text);
        Assert.Contains("通知先のメールアドレスの形が正しくありません。", text);
        Assert.Contains("「個人情報の取り扱いへの同意」の項目が必要です", text);
        Assert.Contains("value=\"[a-z\"", html);
        Assert.Contains("value=\"メール\"", html);

        var handMade = await Admin.EditAndSubmitAsync(url, ("save", "1"), ("NewField.Label", "色"), ("NewField.Type", "Hologram"), ("NewField.Mandatory", "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, handMade.StatusCode);
        var handMadeText = Html.Text(await handMade.Content.ReadAsStringAsync());
        Assert.Contains("「Hologram」は正しい値ではありません。", handMadeText);
        Assert.DoesNotContain("is not valid", handMadeText);

        var oneChoice = await Admin.EditAndSubmitAsync(url, ("save", "1"), ("NewField.Label", "色"), ("NewField.Type", "Dropdown"), ("NewField.Options", "赤"));
        Assert.Equal(HttpStatusCode.BadRequest, oneChoice.StatusCode);
        Assert.Contains("「色」の選択肢を2つ以上", Html.Text(await oneChoice.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Only_one_form_shows_on_every_page()
    {
        var url = await CreateAsync("もう一つのご意見フォーム");
        var refused = await Admin.EditAndSubmitAsync(url, ("save", "1"), ("NewField.Label", "感想"), ("NewField.Type", "LongText"), ("OnEveryPage", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("すべてのページに出すフォームは1つだけです", Html.Text(await refused.Content.ReadAsStringAsync()));
    }
}
