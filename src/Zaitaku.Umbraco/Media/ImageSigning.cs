using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;

namespace Zaitaku.Web.Media;

/// <summary>
/// Signs derivative addresses with Umbraco's imaging key (<c>Umbraco:CMS:Imaging:HMACSecretKey</c>), as Umbraco's
/// ImageSharp middleware does: a page may ask for any size and crop it was built with, and a stranger cannot make the
/// server render sizes no page uses. Without a configured key each process makes its own (one server only).
/// </summary>
public sealed class ImageSigning(IOptions<ImagingSettings> imaging)
{
    public const string Parameter = "hmac";

    private readonly byte[] _key = imaging.Value.HMACSecretKey is { Length: > 0 } key ? key : RandomNumberGenerator.GetBytes(64);

    /// <param name="path">The media path, relative or absolute, escaped or not: only its decoded path part counts.</param>
    public string Sign(string path, string query) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Normalize(path) + "?" + query)))[..32];

    private static string Normalize(string path)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") path = absolute.AbsolutePath;
        return Uri.UnescapeDataString(path);
    }

    public bool IsValid(string path, string query, string? signature) =>
        signature is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(path, query)), Encoding.ASCII.GetBytes(signature));
}
