using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that are good once.
/// Identity's own provider accepts a code two steps either side and as often as it is typed, so an
/// observed code could be replayed for up to two minutes. Here a code may be one step early or late
/// (a phone's clock drifts a little), and is accepted only if its step is later than the account's
/// last accepted one (OWASP ASVS 6.5.1). The step is claimed with one conditional UPDATE, so two
/// sign-ins racing with the same code, on one instance or two, cannot both win.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(ZaitakuDbContext db) : IUserTwoFactorTokenProvider<EditorUser>
{
    private const int StepSeconds = 30;
    /// <summary>Steps accepted either side of now: one, so a code is never good for more than 90 seconds.</summary>
    public const int AllowedDrift = 1;

    // Codes follow real time, as the phone's authenticator does, not a clock a test may have set.
    private static long CurrentStep() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;

    public Task<string> GenerateAsync(string purpose, UserManager<EditorUser> manager, EditorUser user) =>
        Task.FromResult(""); // the code comes from the person's app, never from the site

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<EditorUser> manager, EditorUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<EditorUser> manager, EditorUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Base32Decode(key) is not { } secret) return false;
        var now = CurrentStep();
        for (var step = now - AllowedDrift; step <= now + AllowedDrift; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                continue;
            var claimed = step;
            var updated = await db.Users
                .Where(u => u.Id == user.Id && (u.LastTotpTimeStep == null || u.LastTotpTimeStep < claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, claimed));
            if (updated == 1) user.LastTotpTimeStep = claimed;
            return updated == 1; // 0: this code, or a later one, was already used
        }
        return false;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[]? Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is '=' or ' ') continue;
            var index = alphabet.IndexOf(c);
            if (index < 0) return null;
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return output.ToArray();
    }
}
