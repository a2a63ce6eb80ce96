using Zaitaku.Core.Rendering;

namespace Zaitaku.Core.Tests.Rendering;

public class PhoneAndNoBreakTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("0743-53-1151", "0743-53-1151", "tel:0743531151", null)]
    [InlineData("０７４３－５３－１１５１", "0743-53-1151", "tel:0743531151", null)]
    [InlineData("（サンプル）000-000-0000", "000-000-0000", "tel:0000000000", "(サンプル)")]
    [InlineData("+81-743-53-1151", "+81-743-53-1151", "tel:+81743531151", null)]
    public void A_stored_phone_number_gives_what_to_show_and_what_to_call(string stored, string display, string tel, string? note)
    {
        var phone = PhoneNumber.Parse(stored);

        Assert.NotNull(phone);
        Assert.Equal(display, phone.Display);
        Assert.Equal(tel, phone.TelUri);
        Assert.Equal(note, phone.Note);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("準備中")]
    [InlineData("12-34")]
    public void Text_without_a_phone_number_is_not_a_phone(string? stored) => Assert.Null(PhoneNumber.Parse(stored));

    [Fact]
    public void A_phone_number_in_a_body_becomes_a_call_link()
    {
        var html = _renderer.ToHtml("電話は 0743-53-1151 です。");

        Assert.Contains("<a href=\"tel:0743531151\" class=\"tel\">0743-53-1151</a>", html);
    }

    [Fact]
    public void Numbers_and_dates_in_a_body_keep_their_units()
    {
        var html = _renderer.ToHtml("令和6年（2024年）12月15日に、24人が参加しました（R6）。");

        Assert.Contains("<span class=\"nw\">令和6年</span>", html);
        Assert.Contains("<span class=\"nw\">2024年</span>", html);
        Assert.Contains("<span class=\"nw\">12月15日</span>", html);
        Assert.Contains("<span class=\"nw\">24人</span>", html);
        Assert.Contains("<span class=\"nw\">R6</span>", html);
    }

    [Fact]
    public void A_link_keeps_its_numbers_whole_without_a_link_inside_it_and_code_is_left_as_written()
    {
        var html = _renderer.ToHtml("[24人の記録 0743-53-1151](/about/) と `0743-53-1151`");

        Assert.Contains("<a href=\"/about/\"><span class=\"nw\">24人</span>の記録 <span class=\"nw\">0743-53-1151</span></a>", html);
        Assert.Contains("<code>0743-53-1151</code>", html);
    }
}
