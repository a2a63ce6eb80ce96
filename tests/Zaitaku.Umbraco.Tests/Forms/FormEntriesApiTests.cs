using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>
/// The フォーム section's API as the secretariat uses it (an administrator, whose group has the section): a form's entries
/// listed, one read, marked handled, exported for Excel, deleted; each view of personal data in Umbraco's audit log.
/// A group without the section (Umbraco's editors) gets nothing.
/// </summary>
public sealed class FormEntriesApiTests(SharedSite site) : IClassFixture<SharedSite>
{
    private const string Api = "zaitaku/forms/";

    private static FormFiller Someone() => new(Person.Browser());

    private async Task<Guid> EnquiryAsync(Zaitaku.Infrastructure.Forms.FormDefinition form, string name, string question)
    {
        var response = await Someone().SubmitAsync(PageOf(form), form.Name,
            ("お名前", name), ("メールアドレス", "someone@example.jp"), ("電話番号", "0743-00-0000"),
            ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"), ("お問い合わせの内容", question), ("個人情報の取り扱い", "同意する"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return (await EntriesAsync(form)).Single(e => site.Factory.Services.GetRequiredService<Web.Forms.FormEntries>().Read(e).Any(v => v.Value == name)).Key;
    }

    [Fact]
    public async Task The_secretariat_lists_reads_marks_handled_and_deletes_an_entry()
    {
        var form = await CopyAsync(Enquiry);
        var key = await EnquiryAsync(form, "郡山 一郎", "紙のわたしノートがほしい");
        var api = await ManagementApi.AsAdminAsync();

        var forms = await api.GetFromJsonAsync<JsonElement>(Api);
        Assert.Contains(forms.EnumerateArray(), f => f.GetProperty("name").GetString() == form.Name && f.GetProperty("unhandled").GetInt32() == 1);
        var rows = await api.GetFromJsonAsync<JsonElement>($"{Api}{form.Key}/entries");
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("郡山 一郎", row.GetProperty("summary").GetString());
        Assert.False(row.GetProperty("handled").GetBoolean());

        var entry = await api.GetFromJsonAsync<JsonElement>($"{Api}entries/{key}");
        Assert.Contains(entry.GetProperty("answers").EnumerateArray(), a => a.GetProperty("answer").GetString() == "紙のわたしノートがほしい");

        var handled = await api.PostAsJsonAsync($"{Api}entries/{key}/handled", new { handled = true });
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        Assert.Contains("対応済みにしました", (await handled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>($"{Api}{form.Key}/entries?status=unhandled")).EnumerateArray());

        var deleted = await api.DeleteAsync($"{Api}entries/{key}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(await EntriesAsync(form));
        var gone = await api.GetAsync($"{Api}entries/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("受付が見つかりません", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Who looked at the personal data, and what they did, is in Umbraco's audit log.
        var audit = site.Factory.Services.GetRequiredService<IAuditService>();
        var logged = (await audit.GetItemsAsync(0, 500, auditTypeFilter: [Umbraco.Cms.Core.Models.AuditType.Custom])).Items.Select(i => i.Comment ?? "").Where(c => c.Contains(form.Name)).ToList();
        Assert.Contains(logged, c => c.Contains("を表示"));
        Assert.Contains(logged, c => c.Contains("対応済み"));
        Assert.Contains(logged, c => c.Contains("を削除"));
    }

    [Fact]
    public async Task The_csv_opens_in_excel_with_japanese_headers_and_no_formula_runs()
    {
        var form = await CopyAsync(Enquiry);
        await EnquiryAsync(form, "=HYPERLINK(\"http://example.com\")", "＋81 からの電話\r\n二行目");
        var api = await ManagementApi.AsAdminAsync();

        var response = await api.GetAsync($"{Api}{form.Key}/entries.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // Excel reads UTF-8 only with the BOM
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("受付番号,受付日時,状態,対応,送信したページ,お名前,", text);
        Assert.Contains("\r\n", text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.Contains("'＋81", text);
    }

    [Fact]
    public async Task A_group_without_the_forms_section_gets_nothing()
    {
        var form = await CopyAsync(Enquiry);
        var key = await EnquiryAsync(form, "郡山 二郎", "見せてはいけない内容");
        var editor = await ManagementApi.AsGroupAsync("editor");

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => editor.GetAsync(Api),
            () => editor.GetAsync($"{Api}{form.Key}/entries"),
            () => editor.GetAsync($"{Api}entries/{key}"),
            () => editor.GetAsync($"{Api}{form.Key}/entries.csv"),
            () => editor.PostAsJsonAsync($"{Api}entries/{key}/handled", new { handled = true }),
            () => editor.PostAsync($"{Api}entries/{key}/cancel", null),
            () => editor.DeleteAsync($"{Api}entries/{key}"),
        })
        {
            var response = await request();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("見せてはいけない", await response.Content.ReadAsStringAsync());
        }
        var entry = Assert.Single(await EntriesAsync(form));
        Assert.Null(entry.HandledUtc);
    }

    [Fact]
    public async Task The_secretariat_group_has_the_forms_section_and_an_association_does_not()
    {
        var form = await CopyAsync(Enquiry);
        var secretariat = await ManagementApi.AsGroupAsync(Zaitaku.Web.Editors.EditorGroups.SecretariatAlias);
        var association = await ManagementApi.AsGroupAsync(Zaitaku.Web.Editors.EditorGroups.AliasFor("ishikai"));

        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync($"{Api}{form.Key}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync($"{Api}{form.Key}/entries")).StatusCode);
        // Placing a form on a page needs only the forms' names, which content editors may read.
        Assert.Equal(HttpStatusCode.OK, (await association.GetAsync("zaitaku/form-picker")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_answered()
    {
        using var anonymous = site.Factory.CreatePlainClient();
        var response = await anonymous.GetAsync(ManagementApi.Root + Api);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
