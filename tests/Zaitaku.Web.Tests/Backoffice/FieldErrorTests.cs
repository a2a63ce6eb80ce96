using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Zaitaku.Web.Backoffice.Shared;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// &lt;field-error&gt;, the one message beside a refused field: a screen reader reaches it from the field
/// (its id is the one the field's aria-describedby names), whichever way the view names the field.
/// </summary>
public sealed class FieldErrorTests
{
    private static string Render(FieldErrorTagHelper helper, ModelStateDictionary modelState)
    {
        helper.ViewContext = new ViewContext();
        helper.ViewContext.ModelState.Merge(modelState);
        var output = new TagHelperOutput("field-error", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(new TagHelperContext([], new Dictionary<object, object>(), "x"), output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void A_field_named_by_its_ModelState_key_gets_its_messages_under_the_id_its_field_points_to()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("review-publishAt", "公開する日時は、いまより後にしてください。");
        state.AddModelError("order[12]", "数字で入れてください。");

        Assert.Equal("<p class=\"field-error\" id=\"review-publishAt-error\"><span class=\"visually-hidden\">エラー：</span>公開する日時は、いまより後にしてください。</p>",
            Render(new FieldErrorTagHelper { Key = "review-publishAt" }, state));
        Assert.Contains("id=\"order-12-error\"", Render(new FieldErrorTagHelper { Key = "order[12]", FieldId = "order-12" }, state));
    }

    [Fact]
    public void Messages_from_the_view_model_are_encoded_and_an_empty_list_writes_nothing()
    {
        var html = Render(new FieldErrorTagHelper { Messages = ["<b>必須</b>です。", "20文字までです。"], FieldId = "field-3" }, new());

        Assert.Contains("id=\"field-3-error\"", html);
        Assert.Contains("&lt;b&gt;必須&lt;/b&gt;です。<br>20文字までです。", html);
        Assert.Equal("", Render(new FieldErrorTagHelper { Messages = [null], FieldId = "field-3" }, new()));
        Assert.Equal("", Render(new FieldErrorTagHelper { Key = "Name" }, new()));
    }
}
