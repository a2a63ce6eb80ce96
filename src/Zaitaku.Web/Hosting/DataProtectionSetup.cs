using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// The keys that sign sign-in cookies, antiforgery tokens and preview links and encrypt form entries.
/// They live in the data folder, so sign-ins, forms and preview links survive a restart.
/// </summary>
public static class DataProtectionSetup
{
    public static IServiceCollection AddZaitakuDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("Zaitaku.Web");
        // The keys decrypt form entries and sign-in cookies: with a certificate configured they are
        // stored encrypted; on Windows, DPAPI does it. Never in clear text beside the database if avoidable.
        if (KeyProtectionCertificate.Load(configuration) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        else if (OperatingSystem.IsWindows())
            protection.ProtectKeysWithDpapi(protectToLocalMachine: true);
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IOptions<ZaitakuOptions>, ILoggerFactory>((o, zaitaku, loggers) =>
                o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(zaitaku.Value.ResolvedDataFolder, "keys")), loggers));
        return services;
    }
}

/// <summary>The certificate from Zaitaku:KeyProtection (see <see cref="ZaitakuOptions.KeyProtectionOptions"/>), if configured.</summary>
public static class KeyProtectionCertificate
{
    public static System.Security.Cryptography.X509Certificates.X509Certificate2? Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Zaitaku:KeyProtection");
        return section["CertificatePath"] is { Length: > 0 } path
            ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path), section["CertificatePassword"])
            : null;
    }
}
