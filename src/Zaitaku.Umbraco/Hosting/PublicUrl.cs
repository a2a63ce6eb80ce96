namespace Zaitaku.Web.Hosting;

/// <summary>
/// The site's configured address (Zaitaku:Site:PublicUrl). Every absolute URL the site writes (mail,
/// preview links, the sitemap, the HTTPS redirect) starts with it, never with the request's Host
/// header or scheme, which a visitor can forge to make the site's own mail point elsewhere.
/// </summary>
public sealed class PublicUrl
{
    public const string SettingKey = "Zaitaku:Site:PublicUrl";
    /// <summary>What a developer's machine uses when nothing is configured: the address `dotnet run` serves.</summary>
    public const string DevelopmentDefault = "http://localhost:5090";

    private readonly string _origin;

    public PublicUrl(Uri address)
    {
        Address = address;
        _origin = address.GetLeftPart(UriPartial.Authority);
    }

    public Uri Address { get; }
    /// <summary>Scheme, host and port, without a closing slash: "https://zaitaku.example.jp".</summary>
    public string Origin => _origin;
    public string Host => Address.Host;
    public bool IsHttps => Address.Scheme == Uri.UriSchemeHttps;

    /// <summary>The absolute URL of a site path such as "/umbraco/content/12".</summary>
    public string Absolute(string path) => _origin + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>
    /// Reads the setting. Unset on a developer's machine gives <see cref="DevelopmentDefault"/>; unset
    /// or malformed anywhere else stops start-up, since there is no safe guess for where mail should
    /// send people.
    /// </summary>
    public static PublicUrl FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[SettingKey]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (environment.IsDevelopment()) value = DevelopmentDefault;
            else throw new PublicUrlException(
                "公開アドレス（Zaitaku__Site__PublicUrl、例：https://zaitaku.example.jp）が設定されていないため起動できません。" +
                "メールやプレビューのリンクはこのアドレスから作ります。 / " +
                "Zaitaku__Site__PublicUrl (e.g. https://zaitaku.example.jp) is not set: links in mail and preview links are made from it, never from the request.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
            || address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0)
            throw new PublicUrlException(
                $"公開アドレス Zaitaku__Site__PublicUrl「{value}」が正しくありません。https://zaitaku.example.jp のように、https:// とホスト名だけを書いてください。 / " +
                $"Zaitaku__Site__PublicUrl \"{value}\" must be an absolute http(s) address with a host and nothing after it.");
        return new PublicUrl(address);
    }
}

/// <summary>The public address setting is missing or malformed: start-up stops with this message.</summary>
public sealed class PublicUrlException(string message) : Exception(message);
