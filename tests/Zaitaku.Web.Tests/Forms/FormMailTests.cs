using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>A form's mail through a real SMTP server (aiosmtpd); the entry is saved first, so a dead server loses nothing.</summary>
public sealed class FormMailTests : IDisposable
{
    private const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";
    private readonly SmtpServer _smtp = new();
    private readonly SiteFactory _factory;

    public FormMailTests()
    {
        _factory = new SiteFactory().WithSetting("Zaitaku:Mail:Host", "127.0.0.1").WithSetting("Zaitaku:Mail:Port", _smtp.Port.ToString())
            .WithSetting("Zaitaku:Mail:Security", "None").WithSetting("Zaitaku:Mail:From", "zaitaku@example.jp");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    private Task<int> SendOutboxAsync() => _factory.Services.GetRequiredService<MailOutbox>().SendDueAsync();

    private Task<HttpResponseMessage> SignUpAsync() =>
        new FormFiller(new BackofficeClient(_factory).Http).SubmitAsync("/about/kataroukai/", Kataroukai,
            ("お名前", "郡山 六郎"), ("ふりがな", "こおりやま ろくろう"), ("電話番号", "0743-00-0000"), ("メールアドレス", "rokuro@example.jp"),
            ("参加される方", "民生委員・自治会"), ("個人情報の取り扱い", "同意する"));

    [Fact]
    public async Task The_secretariat_and_the_person_get_their_mail()
    {
        await _smtp.StartAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await SignUpAsync()).StatusCode);

        Assert.Equal(2, await SendOutboxAsync());
        var messages = _smtp.Messages();
        var notice = messages.Single(m => m.To.Mailboxes.Single().Address == "zaitaku-jimukyoku@example.jp");
        Assert.StartsWith($"【{Kataroukai}】新しい受付", notice.Subject);
        Assert.Contains("状態：参加確定（定員15人）", notice.TextBody);
        Assert.Contains(SiteFactory.TestPublicUrl + "/umbraco/forms/entries/", notice.TextBody); // from configuration, not the request
        Assert.DoesNotContain("郡山", notice.TextBody);
        Assert.DoesNotContain("0743", notice.TextBody);
        var confirmation = messages.Single(m => m.To.Mailboxes.Single().Address == "rokuro@example.jp");
        Assert.StartsWith($"{Kataroukai}：受け付けました", confirmation.Subject);
        Assert.Contains("参加が確定しました", confirmation.TextBody);
        Assert.Equal("zaitaku@example.jp", confirmation.From.Mailboxes.Single().Address);

        // Delivered mail, which holds the person's address, leaves the outbox after 30 days; the entry stays for its form's 90.
        var retention = _factory.Services.GetRequiredService<Zaitaku.Web.Forms.FormRetention>();
        _factory.Clock.Now += TimeSpan.FromDays(29);
        await retention.RunAsync();
        Assert.Equal(2, await _factory.WithDatabaseAsync(db => db.OutgoingMails.CountAsync()));
        _factory.Clock.Now += TimeSpan.FromDays(2);
        await retention.RunAsync();
        await _factory.WithDatabaseAsync(async db =>
        {
            Assert.Equal(0, await db.OutgoingMails.CountAsync());
            Assert.Equal(1, await db.FormEntries.CountAsync());
        });
    }

    [Fact]
    public async Task With_the_mail_server_down_the_entry_is_kept_and_the_mail_goes_out_later()
    {
        Assert.Equal(HttpStatusCode.SeeOther, (await SignUpAsync()).StatusCode);

        Assert.Equal(0, await SendOutboxAsync());
        await _factory.WithDatabaseAsync(async db =>
        {
            Assert.Equal(1, await db.FormEntries.CountAsync());
            var waiting = await db.OutgoingMails.ToListAsync();
            Assert.Equal(2, waiting.Count);
            Assert.All(waiting, m => { Assert.Null(m.SentUtc); Assert.Equal(1, m.Attempts); });
        });

        await _smtp.StartAsync();
        _factory.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(2, await SendOutboxAsync());
        Assert.Equal(2, _smtp.Messages().Count);
    }
}

/// <summary>With a certificate configured, the keys that decrypt entries are themselves stored encrypted.</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task The_data_protection_keys_are_encrypted_with_the_configured_certificate_and_entries_still_read()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=zaitaku-keys", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(Path.GetTempPath(), "zaitaku-tests", $"keys-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(pfx)!);
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test-password"));
        try
        {
            using var factory = new SiteFactory().WithSetting("Zaitaku:KeyProtection:CertificatePath", pfx)
                .WithSetting("Zaitaku:KeyProtection:CertificatePassword", "test-password");
            var response = await new FormFiller(new BackofficeClient(factory).Http).SubmitAsync("/", "このページの情報は役に立ちましたか",
                ("このページの評価", "役に立った"), ("ご意見", "鍵のテスト"));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

            var keys = Directory.GetFiles(Path.Combine(factory.DataFolder, "keys"), "*.xml").Select(File.ReadAllText).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => { Assert.Contains("<encryptedSecret", k); Assert.DoesNotContain("<masterKey", k); });
            await factory.WithDatabaseAsync<Zaitaku.Web.Forms.FormEntries>(async (db, entries) =>
                Assert.Contains(entries.Read(await db.FormEntries.SingleAsync()), v => v.Value == "鍵のテスト"));
        }
        finally { File.Delete(pfx); }
    }
}
