using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The formatted editor over the Markdown fields (wwwroot/js/markdown-editor.js): a column written
/// with the toolbar and the keyboard alone, a Word-like paste, the Markdown that is stored, and
/// every seed body given back unchanged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkdownEditorBrowserTests(WorkflowSite site) : IClassFixture<WorkflowSite>
{
    private const string KangoEditor = "kango-henshu@example.jp", Reviewer = "kakunin-editor@example.jp";

    /// <summary>Signs in; the 訪問看護 association's editor writes the column, and a reviewer publishes it.</summary>
    private async Task<IPage> SignInAsync(int width = 1280, string email = WorkflowSite.AdminEmail)
    {
        await site.EnsureEditorsAsync(WorkflowSite.AdminPassword,
            new TestEditor(KangoEditor, "訪問看護 編集担当", UserGroups.AssociationEditors, "/associations/houmon-kango/"),
            new TestEditor(Reviewer, "確認担当 次郎", UserGroups.Reviewers));
        return await site.SignInAsync(email, WorkflowSite.AdminPassword, width);
    }

    private Task<(int Id, string Body)> NodeAsync(string urlSegment) => site.Site.WithDatabaseAsync(async db =>
    {
        var node = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).SingleAsync(n => n.DraftVersion!.UrlSegment == urlSegment && !n.Trashed);
        return (node.Id, PropertyValues.Deserialize(node.DraftVersion!.ValuesJson).GetValueOrDefault("body") ?? "");
    });

    /// <summary>Alt+F10 to the toolbar, then the arrow keys to the button, as a keyboard user does.</summary>
    private static async Task FocusToolbarButtonAsync(IPage page, string name)
    {
        await page.Keyboard.PressAsync("Alt+F10");
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("() => document.activeElement.textContent") != name; i++)
            await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(name, await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }

    [Fact]
    public async Task Every_seed_body_comes_back_from_the_editor_byte_for_byte()
    {
        var bodies = (await site.Site.WithDatabaseAsync(db => db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).Where(n => !n.Trashed).ToListAsync()))
            .Select(n => (Name: n.DraftVersion!.Name, Body: PropertyValues.Deserialize(n.DraftVersion.ValuesJson).GetValueOrDefault("body") ?? ""))
            .Where(b => b.Body.Length > 0).ToList();
        Assert.True(bodies.Count >= 30, $"only {bodies.Count} bodies in the seed");
        Assert.Contains(bodies, b => b.Body.Contains("| --- |"));

        var page = await SignInAsync();
        var (id, planBody) = await NodeAsync("plan");
        await page.GotoAsync($"/umbraco/content/{id}");
        var editor = page.Locator(".md-editor__content");
        await editor.WaitForAsync();
        // The plan page opens with its tables as tables, and opening it changes nothing.
        Assert.Equal(3, await editor.Locator("table").CountAsync());
        Assert.Equal(planBody.Replace("\r\n", "\n"), await page.Locator("textarea[name='Values[body]']").InputValueAsync());

        foreach (var (name, body) in bodies)
        {
            var text = body.Replace("\r\n", "\n");
            var back = await page.EvaluateAsync<string>("t => ZaitakuEditor.toMarkdown(ZaitakuEditor.fromMarkdown(t))", text);
            Assert.True(text.TrimEnd() == back, $"{name}: the editor changed the body\n--- stored\n{text}\n--- from the editor\n{back}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_writes_with_the_toolbar_and_keyboard_pastes_from_Word_and_the_page_shows_it()
    {
        // The 訪問看護 association's own editor writes its column.
        var page = await SignInAsync(email: KangoEditor);
        var (id, _) = await NodeAsync("2025-06-01");
        await page.GotoAsync($"/umbraco/content/{id}");
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = "本文（書式つきの編集欄）" });
        await editor.WaitForAsync();
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "本文の書式" });
        await Axe.AssertNoViolationsAsync(page, "edit form with the Markdown editor at 1280px");

        await editor.FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");

        // The toolbar is one tab stop: Alt+F10 reaches it, the arrow keys move along it, Enter runs a button.
        await page.Keyboard.PressAsync("Alt+F10");
        Assert.Equal("見出し", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("水分をこまめに");
        Assert.Equal("true", await toolbar.GetByRole(AriaRole.Button, new() { Name = "見出し", Exact = true }).GetAttributeAsync("aria-pressed"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("冬も、のどが渇く前に");
        await page.Keyboard.PressAsync("Control+B");
        await page.Keyboard.TypeAsync("少しずつ");
        Assert.Equal("true", await toolbar.GetByRole(AriaRole.Button, new() { Name = "太字" }).GetAttributeAsync("aria-pressed"));
        await page.Keyboard.PressAsync("Control+B");
        await page.Keyboard.TypeAsync("飲みましょう。");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Alt+F10");
        foreach (var _ in Enumerable.Range(0, 3)) await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("箇条書き", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("朝起きたとき");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("入浴の前後");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForTimeoutAsync(800); // so that the next typing is a step of its own in the history
        await page.Keyboard.TypeAsync("まちがい");
        // 元に戻す takes back the last typing
        await FocusToolbarButtonAsync(page, "元に戻す");
        await page.Keyboard.PressAsync("Enter");
        Assert.DoesNotContain("まちがい", await editor.TextContentAsync());

        // 画像: a photo uploaded from the dialog, with its alt text asked there, lands at the cursor.
        await FocusToolbarButtonAsync(page, "画像");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "画像を入れる" });
        await dialog.WaitForAsync();
        Assert.Equal("登録済みの画像を名前でさがす", await page.EvaluateAsync<string>("() => document.activeElement.labels[0].textContent"));
        await dialog.GetByLabel("登録先のフォルダー").SelectOptionAsync(new SelectOptionValue { Label = "共有" });
        await dialog.GetByLabel("写真のファイル").SetInputFilesAsync(new FilePayload { Name = "sanpo.jpg", MimeType = "image/jpeg", Buffer = MediaSamples.Jpeg(1600, 1200) });
        await dialog.GetByRole(AriaRole.Textbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^代替テキスト") }).FillAsync("公園を散歩する二人");
        await Axe.AssertNoViolationsAsync(page, "image dialog at 1280px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "md-editor-image-dialog-1280.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "登録して入れる" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await editor.Locator("img[alt='公園を散歩する二人']").WaitForAsync();
        Assert.Equal("本文（書式つきの編集欄）", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
        await page.Keyboard.PressAsync("Enter");

        // A Word-like fragment: headings, a table, a coloured span, a comment, a script, a javascript: link.
        const string word = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{color:red}</style></head><body>
            <!--StartFragment--><h2 style="color:#C00000;font-family:'ＭＳ 明朝'">Wordの見出し</h2>
            <p class="MsoNormal"><span style="color:red;font-size:14pt">赤い字</span>と<b>太い字</b><o:p></o:p></p>
            <script>window.pwned = 1</script>
            <table class="MsoTableGrid" border="1"><tr><td><p class="MsoNormal"><b>項目</b></p></td><td><p class="MsoNormal"><b>内容</b></p></td></tr>
            <tr><td><p class="MsoNormal">日時</p></td><td><p class="MsoNormal">毎月第2水曜日</p></td></tr></table>
            <p class="MsoListParagraph"><span style="mso-list:l0 level1 lfo1">・</span>水を飲む</p>
            <p class="MsoListParagraph"><span style="mso-list:l0 level1 lfo1">・</span>休む</p>
            <p><a href="javascript:window.pwned=2">危ないリンク</a> <img src="x" onerror="window.pwned=3"></p><!--EndFragment-->
            </body></html>
            """;
        await editor.EvaluateAsync("""
            (dom, html) => {
              const data = new DataTransfer();
              data.setData("text/html", html);
              data.setData("text/plain", "plain");
              dom.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, word);
        await page.WaitForTimeoutAsync(300);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "md-editor-1280.png"), FullPage = true });

        var expected = """
            ## 水分をこまめに

            冬も、のどが渇く前に**少しずつ**飲みましょう。

            - 朝起きたとき
            - 入浴の前後

            ![公園を散歩する二人](PHOTO)

            ## Wordの見出し

            赤い字と**太い字**

            | **項目** | **内容** |
            | --- | --- |
            | 日時 | 毎月第2水曜日 |

            - 水を飲む
            - 休む

            危ないリンク
            """;
        var written = await page.Locator("textarea[name='Values[body]']").InputValueAsync();
        var photo = System.Text.RegularExpressions.Regex.Match(written, @"\]\((/media/[0-9a-f]{32}/1/[^)]+\.jpg)\)").Groups[1].Value;
        Assert.NotEmpty(photo);
        expected = expected.Replace("\r\n", "\n").Replace("PHOTO", photo);
        Assert.Equal(expected, written);
        // the live preview follows the editor
        await page.Locator(".live-preview .prose h2", new() { HasText = "Wordの見出し" }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "保存して確認を依頼" }).ClickAsync();
        await page.WaitForSelectorAsync("text=確認を依頼しました");
        await page.Locator(".md-editor__content").WaitForAsync();

        // The reviewer sees what changed first, at the top of the page, and publishes from there.
        var reviewer = await SignInAsync(email: Reviewer);
        await reviewer.GotoAsync($"/umbraco/content/{id}");
        var panel = reviewer.Locator(".review-panel");
        await panel.WaitForAsync();
        Assert.True(await reviewer.EvaluateAsync<bool>(
            "() => document.querySelector('.review-panel').compareDocumentPosition(document.querySelector('.md-editor, textarea[name=\"Values[body]\"]')) & Node.DOCUMENT_POSITION_FOLLOWING"));
        var added = string.Join("\n", await panel.Locator("ins").AllTextContentsAsync());
        Assert.Contains("## 水分をこまめに", added);
        Assert.Contains("Wordの見出し", added);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "この内容で公開する" }).ClickAsync();
        await reviewer.WaitForSelectorAsync("text=を公開しました");
        var (_, stored) = await NodeAsync("2025-06-01");
        Assert.Equal(expected, stored.Replace("\r\n", "\n"));

        var reader = await site.NewPageAsync(375);
        await reader.GotoAsync("/columns/2025-06-01/");
        var main = reader.Locator("main");
        Assert.Equal("少しずつ", await main.Locator("strong", new() { HasText = "少しずつ" }).TextContentAsync());
        Assert.Equal(1, await main.Locator("table", new() { HasText = "毎月第2水曜日" }).CountAsync());
        var img = main.Locator("img[alt='公園を散歩する二人']");
        Assert.Contains("320w", await img.GetAttributeAsync("srcset"));
        Assert.NotNull(await img.GetAttributeAsync("width"));
        Assert.DoesNotContain("javascript", await main.InnerHTMLAsync());
        Assert.DoesNotContain("color", await main.Locator(".prose").InnerHTMLAsync());
        await reader.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_Word_file_is_read_with_its_heading_list_table_and_photo_whose_alt_text_is_asked_first()
    {
        var page = await SignInAsync();
        var (id, _) = await NodeAsync("2025-04-01");
        await page.GotoAsync($"/umbraco/content/{id}");
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = "本文（書式つきの編集欄）" });
        await editor.WaitForAsync();
        await editor.FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");

        await FocusToolbarButtonAsync(page, "Word ファイルから読み込む");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Word ファイルから読み込む" });
        await dialog.WaitForAsync();
        await dialog.GetByLabel("Word ファイル（.docx）").SetInputFilesAsync(new FilePayload
        {
            Name = "コラム原稿.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = WordSamples.ColumnDraft(MediaSamples.Png(900, 600)),
        });
        await dialog.GetByLabel("写真の登録先のフォルダー").SelectOptionAsync(new SelectOptionValue { Label = "共有" });
        await Axe.AssertNoViolationsAsync(page, "Word dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "読み込む" }).ClickAsync();

        // Before anything is saved, the photo's alt text is asked (Word's own description filled in).
        var alt = dialog.GetByLabel("写真 1 の代替テキスト");
        await alt.WaitForAsync();
        Assert.Equal("湯のみのお茶", await alt.InputValueAsync());
        await alt.FillAsync("");
        await Axe.AssertNoViolationsAsync(page, "Word dialog asking for alt text");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "md-editor-docx-1280.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "写真を登録して本文に入れる" }).ClickAsync();
        await dialog.Locator(".md-docx-image .field-error", new() { HasText = "代替テキスト" }).WaitForAsync();
        Assert.Equal("true", await alt.GetAttributeAsync("aria-invalid"));
        Assert.Equal("true", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-invalid')"));
        Assert.DoesNotContain("/media/", await page.Locator("textarea[name='Values[body]']").InputValueAsync());
        await alt.FillAsync("湯のみに入ったお茶");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "写真を登録して本文に入れる" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var written = await page.Locator("textarea[name='Values[body]']").InputValueAsync();
        var photo = System.Text.RegularExpressions.Regex.Match(written, @"\((/media/[0-9a-f]{32}/1/[^)]+)\)").Groups[1].Value;
        Assert.NotEmpty(photo);
        Assert.Equal($$"""
            ## 冬の水分補給

            のどが渇く前に**少しずつ**飲みましょう。

            - 朝起きたとき
            - お風呂の前後

            | 時間 | 量 |
            | --- | --- |
            | 朝 | コップ1杯 |

            ![湯のみに入ったお茶]({{photo}})

            押さないで
            """.Replace("\r\n", "\n"), written);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_JavaScript_the_textarea_stays_and_a_page_inserts_a_PDF_keeping_what_was_typed()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "ja-JP", BaseURL = site.BaseUrl, JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await page.GetByLabel("メールアドレス").FillAsync(WorkflowSite.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(WorkflowSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await page.WaitForURLAsync("**/umbraco", new() { Timeout = 60_000 });
        var (id, _) = await NodeAsync("2025-03-15");
        await page.GotoAsync($"/umbraco/content/{id}");
        Assert.Equal(0, await page.Locator(".md-editor").CountAsync());
        await page.GetByLabel("本文（必須）").FillAsync("打ちかけの本文です。");
        await page.GetByRole(AriaRole.Button, new() { Name = "本文に画像・PDFを入れる" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('本文に画像を入れる')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "md-media-page-1280.png"), FullPage = true });
        await page.GetByLabel("PDF", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("名前や代替テキストでさがす").FillAsync("概要版");
        await page.GetByRole(AriaRole.Button, new() { Name = "さがす" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^わたしノート 概要版（サンプル）（PDF：") }).ClickAsync();
        await page.WaitForSelectorAsync(".preview");
        Assert.Matches(@"^打ちかけの本文です。\n\n\[わたしノート 概要版（サンプル）（PDF：\d+KB）\]\(/media/",
            (await page.GetByLabel("本文（必須）").InputValueAsync()).Replace("\r\n", "\n"));
        Assert.Equal(1, await page.Locator(".preview a", new() { HasText = "わたしノート 概要版（サンプル）（PDF：" }).CountAsync());
        await context.CloseAsync();

        // axe needs JavaScript: the same page (it has no script of its own), reached by the same button.
        var checker = await SignInAsync();
        await checker.GotoAsync($"/umbraco/content/{id}");
        await checker.Locator(".md-editor__content").WaitForAsync();
        await checker.EvaluateAsync("() => document.querySelector('.markdown-media-nojs button').click()");
        await checker.WaitForSelectorAsync("h1:has-text('本文に画像を入れる')");
        foreach (var width in new[] { 1280, 768 })
        {
            await checker.SetViewportSizeAsync(width, 900);
            await Axe.AssertNoViolationsAsync(checker, $"page for photos and PDFs without JavaScript at {width}px");
        }
        await checker.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(768)]
    public async Task The_editor_and_its_link_dialog_are_accessible_and_the_dialog_gives_focus_back(int width)
    {
        var page = await SignInAsync(width);
        var (id, _) = await NodeAsync("2025-05-01");
        await page.GotoAsync($"/umbraco/content/{id}");
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = "本文（書式つきの編集欄）" });
        await editor.WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"edit form with the Markdown editor at {width}px");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{overflow}px too wide at {width}px");

        var link = page.GetByRole(AriaRole.Toolbar, new() { Name = "本文の書式" }).GetByRole(AriaRole.Button, new() { Name = "リンク" });
        await link.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "リンク" });
        await dialog.WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"link dialog at {width}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"md-editor-link-{width}.png") });
        // A javascript: address is refused with a message, and Esc closes the dialog and gives focus back.
        await dialog.GetByLabel("リンクにする文字").FillAsync("押して");
        await dialog.GetByLabel("リンク先", new() { Exact = false }).FillAsync("javascript:alert(1)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "リンクにする" }).ClickAsync();
        Assert.Contains("https://", await dialog.GetByRole(AriaRole.Alert).TextContentAsync());
        await page.Keyboard.PressAsync("Escape");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal("リンク", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        Assert.DoesNotContain("javascript", await page.Locator("textarea[name='Values[body]']").InputValueAsync());

        await page.GetByRole(AriaRole.Toolbar, new() { Name = "本文の書式" }).GetByRole(AriaRole.Button, new() { Name = "PDF" }).ClickAsync();
        var pdfDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "PDF へのリンクを入れる" });
        await pdfDialog.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^わたしノート（サンプル）（PDF：") }).WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"PDF dialog at {width}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"md-editor-pdf-{width}.png") });
        await pdfDialog.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^わたしノート（サンプル）（PDF：") }).ClickAsync();
        Assert.Matches(@"\[わたしノート（サンプル）（PDF：\d+KB）\]\(/media/", await page.Locator("textarea[name='Values[body]']").InputValueAsync());
        await page.Context.CloseAsync();
    }
}
