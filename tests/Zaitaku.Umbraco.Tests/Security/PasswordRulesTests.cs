using Zaitaku.Core.Accounts;

namespace Zaitaku.Web.Tests.Security;

/// <summary>Our common-password rules (Zaitaku.Core, shared with the old backoffice), the cases that once slipped through.</summary>
public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("abcd1234abcd")]            // runs of the alphabet and the digits, joined
    [InlineData("あいうえおかきくけこさし")] // the kana order
    [InlineData("アイウエオカキクケコサシ")] // the same in katakana
    [InlineData("ｱｲｳｴｵｶｷｸｹｺｻｼ")]             // and in half-width katakana
    [InlineData("いろはにほへとちりぬるを")] // the iroha order
    [InlineData("qwer1234asdf")]
    [InlineData("admin1234567")]
    [InlineData("P@ssw0rd1234")]
    [InlineData("Dragon2026!!!!")]
    [InlineData("zaitaku-12345")]
    public void Common_passwords_and_their_disguises_are_refused_in_Japanese(string password)
    {
        var problem = CommonPasswords.Problem(password, "tanaka@example.jp");
        Assert.NotNull(problem);
        Assert.Contains("使えません", problem);
    }

    [Theory]
    [InlineData("kanrisha no nagai pasuwado")]
    [InlineData("sakura-no-hana-ga-saku")]
    [InlineData("きんぎょすくいのなつまつり")]
    [InlineData("Tsukimi dango 15ko")]
    public void Long_passphrases_are_accepted(string password) =>
        Assert.Null(CommonPasswords.Problem(password, "tanaka@example.jp"));

    [Fact]
    public void The_openwall_list_is_embedded() => Assert.True(CommonPasswords.ListedCount >= 3000, $"{CommonPasswords.ListedCount} listed");
}
