using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// ASP.NET Core Data Protection: the keys that sign Umbraco's backoffice cookies and antiforgery tokens and encrypt
/// our form entries. Umbraco 18 only calls <c>AddDataProtection()</c>, which keeps the keys in the user profile
/// (~/.aspnet/DataProtection-Keys) under an application name made from the content root path: a backup of the site
/// would not carry them, and a restored or moved site could no longer read its form entries. So we name the
/// application and the key ring's folder explicitly (Zaitaku:DataProtection), add nothing else, and leave Umbraco's
/// own use of Data Protection as it is.
/// </summary>
public sealed class DataProtectionComposer : IComposer
{
    /// <summary>The same on every server and after every move: protected data names its application.</summary>
    public const string DefaultApplicationName = "Zaitaku.Web";

    /// <summary>Beside Umbraco's database in umbraco/Data, relative to the content root; a backup copies both.</summary>
    public const string DefaultKeysFolder = "umbraco/Data/keys";

    public void Compose(IUmbracoBuilder builder)
    {
        var section = builder.Config.GetSection("Zaitaku:DataProtection");
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName(section["ApplicationName"] is { Length: > 0 } name ? name : DefaultApplicationName);
        // PersistKeysToFileSystem, once the content root is known (a test host sets its own).
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IWebHostEnvironment, ILoggerFactory>((options, host, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysFolder(builder.Config, host.ContentRootPath)), loggers));
        // With a certificate configured the keys are stored encrypted with it, so a copy of the folder alone reveals
        // nothing; without one they are plain XML and the folder must be protected like the database.
        if (KeyCertificate(builder.Config) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>The key ring's folder: Zaitaku:DataProtection:KeysFolder, absolute or relative to the content root.</summary>
    public static string KeysFolder(IConfiguration configuration, string? contentRoot)
    {
        var folder = configuration["Zaitaku:DataProtection:KeysFolder"] is { Length: > 0 } configured ? configured : DefaultKeysFolder;
        return Path.GetFullPath(folder, contentRoot ?? Directory.GetCurrentDirectory());
    }

    /// <summary>A PKCS#12 file (Zaitaku:KeyProtection:CertificatePath, password from the environment), as the previous engine read it.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyCertificate(IConfiguration configuration)
    {
        var section = configuration.GetSection("Zaitaku:KeyProtection");
        return section["CertificatePath"] is { Length: > 0 } path
            ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path), section["CertificatePassword"])
            : null;
    }
}
