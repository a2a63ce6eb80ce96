using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>An administrator changes a person's group, stops or deletes an account, and sets a new password.</summary>
public sealed class UserAdministrationTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private const string Password = "hajimete no pasuwado desu";
    private BackofficeClient Admin => accounts.Clients["Administrators"];

    /// <summary>Registers a person through the backoffice and signs them in; returns their id and client.</summary>
    private async Task<(string Id, BackofficeClient Client)> NewPersonAsync(string email, string group = "Reviewers")
    {
        var created = await Admin.PostFormAsync("/umbraco/users/create", "/umbraco/users/create",
            ("DisplayName", email), ("Email", email), ("Group", group), ("AssociationKey", ""), ("Password", Password));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await Admin.Http.GetStringAsync("/umbraco/users");
        var id = Regex.Match(list, $"<a href=\"/umbraco/users/([0-9a-f-]+)\">{Regex.Escape(email)}</a>").Groups[1].Value;
        var client = new BackofficeClient(accounts.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Password)).StatusCode);
        return (id, client);
    }

    private static async Task AssertSignedOutAsync(BackofficeClient client)
    {
        var response = await client.GetAsync("/umbraco");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/umbraco/login", BackofficeAccounts.Where(response));
    }

    [Fact]
    public async Task A_new_group_takes_effect_at_once_and_is_recorded()
    {
        var (id, reviewer) = await NewPersonAsync("kakunin2@example.jp");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/umbraco/content/recycle-bin")).StatusCode);

        var saved = await Admin.EditAndSubmitAsync($"/umbraco/users/{id}", ("_", "_"), ("Group", "Administrators"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await AssertSignedOutAsync(reviewer); // the old session carried the old group
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.LoginAsync("kakunin2@example.jp", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/umbraco/users")).StatusCode);
        var audit = Html.Text(await Admin.Http.GetStringAsync("/umbraco/audit?action=user.update"));
        Assert.Contains("グループ：確認者 → 管理者（事務局）", audit);
    }

    [Fact]
    public async Task A_stopped_account_is_signed_out_and_cannot_sign_in_until_it_is_started_again()
    {
        var (id, person) = await NewPersonAsync("teishi@example.jp");

        await Admin.EditAndSubmitAsync($"/umbraco/users/{id}", ("_", "_"), ("Disabled", "true"));

        await AssertSignedOutAsync(person);
        var refused = await person.LoginAsync("teishi@example.jp", Password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // Even with the right password a stopped account gets the answer every failure gets, so sign-in
        // tells nobody which accounts exist or are stopped (SignInSecurityTests); the secretariat tells the person.
        Assert.Contains(Zaitaku.Web.Backoffice.Accounts.AccountController.SignInFailed, Html.Text(await refused.Content.ReadAsStringAsync()));
        Assert.Contains("利用停止中", await Admin.Http.GetStringAsync("/umbraco/users"));

        var form = await Admin.Http.GetStringAsync($"/umbraco/users/{id}");
        Assert.Contains("id=\"Disabled\" name=\"Disabled\" value=\"true\" checked", form);
        // Unticking the box is what a browser sends as "no Disabled field".
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "teishi@example.jp", ["Group"] = "Reviewers", ["AssociationKey"] = "",
            ["__RequestVerificationToken"] = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
        });
        Assert.Equal(HttpStatusCode.Redirect, (await Admin.Http.PostAsync($"/umbraco/users/{id}", content)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await person.LoginAsync("teishi@example.jp", Password)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_set_by_the_administrator_follows_the_password_rules()
    {
        var (id, person) = await NewPersonAsync("wasureta@example.jp");

        var weak = await Admin.EditAndSubmitAsync($"/umbraco/users/{id}", ("_", "_"), ("NewPassword", "password1234"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("id=\"NewPassword-error\"", await weak.Content.ReadAsStringAsync());

        var reset = await Admin.EditAndSubmitAsync($"/umbraco/users/{id}", ("_", "_"), ("NewPassword", "atarashii aikotoba desu"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertSignedOutAsync(person);
        Assert.Equal(HttpStatusCode.BadRequest, (await person.LoginAsync("wasureta@example.jp", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await person.LoginAsync("wasureta@example.jp", "atarashii aikotoba desu")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_account_is_gone_and_its_session_with_it_but_the_audit_trail_keeps_its_actions()
    {
        var (id, person) = await NewPersonAsync("sakujo@example.jp");

        var deleted = await Admin.PostFormAsync($"/umbraco/users/{id}", $"/umbraco/users/{id}/delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await AssertSignedOutAsync(person);
        Assert.DoesNotContain("sakujo@example.jp</a>", await Admin.Http.GetStringAsync("/umbraco/users"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/umbraco/users/{id}")).StatusCode);
        var audit = Html.Text(await Admin.Http.GetStringAsync("/umbraco/audit"));
        Assert.Contains("ユーザーの削除", audit);
        Assert.Contains("sakujo@example.jp ログイン", audit);
    }

    [Fact]
    public async Task An_administrator_cannot_demote_stop_or_delete_themselves()
    {
        var list = await Admin.Http.GetStringAsync("/umbraco/users");
        var self = Regex.Match(list, "<a href=\"/umbraco/users/([0-9a-f-]+)\">事務局 管理者</a>").Groups[1].Value;

        var demote = await Admin.EditAndSubmitAsync($"/umbraco/users/{self}", ("_", "_"), ("Group", "Reviewers"));
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("ご自分のグループを変えたり", Html.Text(await demote.Content.ReadAsStringAsync()));

        var delete = await Admin.PostFormAsync($"/umbraco/users/{self}", $"/umbraco/users/{self}/delete");
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("ご自分は削除できません", Html.Text(await delete.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/umbraco/users")).StatusCode);
    }

    [Fact]
    public async Task The_user_form_reports_every_problem_at_once()
    {
        // No name, an address already registered, an association editor without an association, a short password.
        var refused = await Admin.PostFormAsync("/umbraco/users/create", "/umbraco/users/create",
            ("DisplayName", ""), ("Email", "editor@example.jp"), ("Group", "AssociationEditors"), ("AssociationKey", ""), ("Password", "mijikai"));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("お名前を入力してください。", html);
        Assert.Contains("editor@example.jp はすでに登録されています。", html);
        Assert.Contains("職能団体の編集者には、担当の団体を選んでください。", html);
        Assert.Contains("パスワードは12文字以上にしてください。", html);
        // Once beside the field and once in the summary, not again for the user name that is the same address.
        Assert.InRange(Regex.Matches(html, "editor@example.jp はすでに登録されています。<").Count, 1, 2);
    }
}
