using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Zaitaku.Web.Site.Preview;

/// <summary>
/// Signed, expiring links to a saved version of a page, so that an association can look over its
/// column before it is published, without an account. The token is encrypted and authenticated by
/// ASP.NET Core Data Protection; its expiry is checked against the site's clock.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly IDataProtector _protector = protection.CreateProtector("Zaitaku.Preview.v1");

    public string Create(int nodeId, int versionId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).UtcTicks;
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{nodeId}:{versionId}:{expires}"));
    }

    /// <summary>
    /// Whether a link that expires at <paramref name="expires"/> was made at or before the page's
    /// links were revoked. A token's making time is its expiry less the lifetime, so tokens need not
    /// carry it and links made before this feature are revocable too.
    /// </summary>
    public static bool IsRevoked(DateTimeOffset expires, DateTime? revokedUtc) =>
        revokedUtc is { } revoked && expires - Lifetime <= new DateTimeOffset(DateTime.SpecifyKind(revoked, DateTimeKind.Utc));

    /// <summary>The node and version a token names, or null when it is forged, damaged or expired.</summary>
    public (int NodeId, int VersionId, DateTimeOffset Expires)? Read(string token)
    {
        string payload;
        try { payload = _protector.Unprotect(token); }
        catch (CryptographicException) { return null; }
        var parts = payload.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var node) || !int.TryParse(parts[1], out var version)
            || !long.TryParse(parts[2], out var ticks)) return null;
        var expires = new DateTimeOffset(ticks, TimeSpan.Zero);
        return clock.GetUtcNow() > expires ? null : (node, version, expires);
    }
}
