using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Mail;

/// <summary>Queues mail in the database and delivers it through MailKit, retrying with growing waits.</summary>
public sealed class MailOutbox(IDbContextFactory<ZaitakuDbContext> dbFactory, MailOptions options, TimeProvider clock, ILogger<MailOutbox> logger)
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    public static void Queue(ZaitakuDbContext db, TimeProvider clock, string to, string subject, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutgoingMail>().Add(new OutgoingMail { To = to, Subject = subject, Body = body, CreatedUtc = now, NextAttemptUtc = now });
    }

    /// <returns>How many messages were delivered in this round.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) return 0;
        await using var db = dbFactory.CreateDbContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutgoingMail>().Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
            .OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        if (due.Count == 0) return 0;

        var sent = 0;
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(options.Host, options.Port, options.Security switch
            {
                "SslOnConnect" => SecureSocketOptions.SslOnConnect,
                "None" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(options.UserName)) await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            foreach (var mail in due)
            {
                try
                {
                    await smtp.SendAsync(ToMime(mail), ct);
                    mail.SentUtc = clock.GetUtcNow().UtcDateTime;
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
                {
                    Failed(mail, e, now);
                }
            }
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpProtocolException or AuthenticationException or SslHandshakeException)
        {
            // The server is down or refuses us: every message waits for its next attempt.
            foreach (var mail in due.Where(m => m.SentUtc is null)) Failed(mail, e, now);
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>
    /// Deletes delivered mail older than <paramref name="age"/>: it holds people's addresses (a form's
    /// confirmation), and once delivered the outbox has no use for it.
    /// </summary>
    public async Task<int> DeleteDeliveredAsync(TimeSpan age, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var cutoff = clock.GetUtcNow().UtcDateTime - age;
        return await db.Set<OutgoingMail>().Where(m => m.SentUtc != null && m.SentUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    private void Failed(OutgoingMail mail, Exception e, DateTime now)
    {
        mail.Attempts++;
        mail.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
        mail.NextAttemptUtc = now + Backoff[Math.Min(mail.Attempts - 1, Backoff.Length - 1)];
        logger.LogWarning("Mail {MailId} to {To} not sent (attempt {Attempts}): {Error}", mail.Id, mail.To, mail.Attempts, mail.LastError);
    }

    private MimeMessage ToMime(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }
}
