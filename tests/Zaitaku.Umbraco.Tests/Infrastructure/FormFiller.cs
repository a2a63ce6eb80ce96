using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Fills in a public form as a person would: opens the page, finds the form by its heading, answers questions by
/// their visible labels, and sends it with whatever hidden fields the page gave. (The old site's FormFiller, with
/// the form's heading at any level: on a page of its own the form's name is the page's h1.)
/// </summary>
public sealed class FormFiller(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public sealed record Filled(string Action, List<KeyValuePair<string, string>> Fields);

    public async Task<Filled> FillAsync(string pageUrl, string formName, params (string Label, string Answer)[] answers)
    {
        var html = await Http.GetStringAsync(pageUrl);
        return Fill(html, formName, answers);
    }

    public static Filled Fill(string html, string formName, params (string Label, string Answer)[] answers)
    {
        var document = new HtmlParser().ParseDocument(html);
        var section = document.QuerySelectorAll("section.site-form")
            .SingleOrDefault(s => s.QuerySelector("h1, h2, h3")?.TextContent.Trim() == formName)
            ?? throw new InvalidOperationException($"No form 「{formName}」 on the page");
        var form = (IHtmlFormElement)(section.QuerySelector("form") ?? throw new InvalidOperationException($"「{formName}」 takes no entries"));
        var fields = form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>()
            .Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        foreach (var (label, answer) in answers)
        {
            var labelElement = form.QuerySelectorAll("label.form-field__label")
                .FirstOrDefault(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal));
            if (labelElement is not null)
            {
                var input = form.QuerySelector("#" + labelElement.GetAttribute("for"))!;
                fields.Add(KeyValuePair.Create(input.GetAttribute("name")!, answer));
                continue;
            }
            var fieldset = form.QuerySelectorAll("fieldset")
                .FirstOrDefault(f => f.QuerySelector("legend")?.TextContent.Trim().StartsWith(label, StringComparison.Ordinal) == true)
                ?? throw new InvalidOperationException($"No question 「{label}」 in 「{formName}」");
            foreach (var choice in answer.Split('|'))
            {
                var box = fieldset.QuerySelectorAll("input").Cast<IHtmlInputElement>()
                    .FirstOrDefault(i => i.Value == choice || fieldset.QuerySelector($"label[for='{i.Id}']")?.TextContent.Trim() == choice)
                    ?? throw new InvalidOperationException($"No choice 「{choice}」 for 「{label}」");
                fields.Add(KeyValuePair.Create(box.Name!, box.Value));
            }
        }
        return new Filled(form.GetAttribute("action")!, fields);
    }

    public Task<HttpResponseMessage> SendAsync(Filled filled, Action<HttpRequestMessage>? change = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, filled.Action) { Content = new FormUrlEncodedContent(filled.Fields) };
        change?.Invoke(request);
        return Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formName, params (string Label, string Answer)[] answers) =>
        await SendAsync(await FillAsync(pageUrl, formName, answers));
}
