using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using QRCoder;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Accounts;

namespace Zaitaku.Web.Security;

/// <summary>What the backoffice's two-factor activation screen shows: the QR code and the key to type by hand.</summary>
[DataContract]
public sealed class AuthenticatorSetup : ISetupTwoFactorModel
{
    [DataMember(Name = "qrCodeSetupImageUrl")]
    public string? QrCodeSetupImageUrl { get; set; }

    [DataMember(Name = "secret")]
    public string? Secret { get; set; }
}

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238) for backoffice users, as Umbraco's two-factor provider. Umbraco keeps the
/// secret (umbracoTwoFactorLogin); the key the app holds is that secret's UTF-8 bytes in Base32. A code may be one step
/// (30 s) early or late, and is good once: it is accepted only if its step is later than the last accepted step for
/// that secret, claimed with a compare-and-set in Umbraco's key-value table, so two sign-ins racing with one code
/// (on one server or two) cannot both win, and an observed code cannot be replayed.
/// The QR code is drawn here (QRCoder, as an SVG data URL): the key never leaves the site.
/// </summary>
public sealed class AuthenticatorApp(IUserService users, IKeyValueService keyValues) : ITwoFactorProvider
{
    public const string Name = "AuthenticatorApp";
    public const string Issuer = "在宅医療・介護連携";
    public const int AllowedDrift = 1;
    private const string KeyPrefix = "Zaitaku.Security.TotpStep.";

    public string ProviderName => Name;

    public async Task<ISetupTwoFactorModel> GetSetupDataAsync(Guid userOrMemberKey, string secret)
    {
        var user = await users.GetAsync(userOrMemberKey) ?? throw new InvalidOperationException("No such user.");
        var key = Totp.Base32(Encoding.UTF8.GetBytes(secret));
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return new AuthenticatorSetup
        {
            QrCodeSetupImageUrl = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)),
            Secret = secret,
        };
    }

    // Codes follow real time, as the phone does (never a clock a test may have set).
    private static long Now => Totp.StepAt(TimeProvider.System.GetUtcNow());

    public bool ValidateTwoFactorPIN(string secret, string token)
    {
        var code = new string((token ?? "").Where(char.IsAsciiDigit).ToArray());
        if (Totp.MatchingStep(Encoding.UTF8.GetBytes(secret), code, Now, AllowedDrift) is not { } step) return false;
        return Claim(secret, step);
    }

    /// <summary>Turning it on takes a code too (and uses it up: it cannot then sign in a second time).</summary>
    public bool ValidateTwoFactorSetup(string secret, string token) => ValidateTwoFactorPIN(secret, token);

    /// <summary>Records the step as used if it is later than the last one used with this secret.</summary>
    private bool Claim(string secret, long step)
    {
        var key = KeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..32];
        var text = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var last = keyValues.GetValue(key);
            if (last is null)
            {
                try
                {
                    keyValues.SetValue(key, text);
                    return true;
                }
                catch (Exception) when (attempt < 2) { continue; } // someone else inserted it first: read again
            }
            if (!long.TryParse(last, out var lastStep) || lastStep >= step) return false;
            if (keyValues.TrySetValue(key, last, text)) return true;
        }
        return false;
    }
}
