using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Delivery;

/// <summary>A preview API key as stored: its SHA-256 hash and a short hint, never the key itself.</summary>
public sealed record PreviewKey(Guid Id, string Name, string Hash, string Hint, DateTime CreatedUtc, string CreatedBy,
    DateTime? RevokedUtc = null, string? RevokedBy = null)
{
    public bool IsRevoked => RevokedUtc is not null;
}

/// <summary>
/// The keys that let the Delivery API answer with drafts (header Api-Key with Preview: true, as in
/// Umbraco). Kept as one JSON row of the BackofficeSetting table. A key is 32 random bytes, so a
/// plain SHA-256 of it cannot be guessed back (no slow password hash is needed), and comparing
/// hashes in fixed time tells an attacker nothing about how close a guess came.
/// </summary>
public sealed class PreviewKeys(ZaitakuDbContext db, TimeProvider clock)
{
    public const string SettingKey = "DeliveryApiPreviewKeys";
    private const string Prefix = "zdk_";

    public async Task<IReadOnlyList<PreviewKey>> ListAsync(CancellationToken ct = default)
    {
        var setting = await db.BackofficeSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SettingKey, ct);
        return setting is null ? [] : JsonSerializer.Deserialize<List<PreviewKey>>(setting.Value) ?? [];
    }

    /// <returns>The stored record and the key itself, which is shown once and kept nowhere.</returns>
    public async Task<(PreviewKey Key, string Secret)> CreateAsync(string name, string createdBy, CancellationToken ct = default)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new PreviewKey(Guid.NewGuid(), name, Hash(secret), secret[..(Prefix.Length + 4)] + "…",
            clock.GetUtcNow().UtcDateTime, createdBy);
        var keys = (await ListAsync(ct)).Append(key).ToList();
        await SaveAsync(keys, ct);
        return (key, secret);
    }

    /// <returns>The key as revoked, or null when there is no such key or it was revoked before.</returns>
    public async Task<PreviewKey?> RevokeAsync(Guid id, string revokedBy, CancellationToken ct = default)
    {
        var keys = (await ListAsync(ct)).ToList();
        var i = keys.FindIndex(k => k.Id == id && !k.IsRevoked);
        if (i < 0) return null;
        keys[i] = keys[i] with { RevokedUtc = clock.GetUtcNow().UtcDateTime, RevokedBy = revokedBy };
        await SaveAsync(keys, ct);
        return keys[i];
    }

    /// <summary>Whether this is a key an administrator made and has not revoked.</summary>
    public async Task<bool> IsValidAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200) return false;
        var hash = Encoding.ASCII.GetBytes(Hash(secret));
        var valid = false;
        foreach (var key in await ListAsync(ct))
            valid |= CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(key.Hash)) && !key.IsRevoked;
        return valid;
    }

    private async Task SaveAsync(List<PreviewKey> keys, CancellationToken ct)
    {
        var setting = await db.BackofficeSettings.FindAsync([SettingKey], ct);
        if (setting is null) db.BackofficeSettings.Add(setting = new BackofficeSetting { Key = SettingKey });
        setting.Value = JsonSerializer.Serialize(keys);
        await db.SaveChangesAsync(ct);
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
