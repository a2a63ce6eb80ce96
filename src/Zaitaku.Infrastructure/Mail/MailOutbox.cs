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

    /// <summary>
    /// How long a node holds the messages it took before another node may try them. Long enough for a
    /// batch of 50 on a slow server; after a crash mid-batch the unsent rest goes out once it passes.
    /// </summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);

    /// <returns>How many messages were delivered in this round.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) return 0;
        await using var db = dbFactory.CreateDbContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Set<OutgoingMail>().Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
            .OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        // Several nodes (or two rounds that overlap) read the same due rows. Each message is taken with a
        // conditional update before it is sent, so exactly one sender gets it: the update moves its next
        // attempt past the claim, and a second sender's update then matches no row.
        var due = new List<OutgoingMail>(candidates.Count);
        foreach (var mail in candidates)
        {
            var taken = await db.Set<OutgoingMail>()
                .Where(m => m.Id == mail.Id && m.SentUtc == null && m.NextAttemptUtc == mail.NextAttemptUtc)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptUtc, now + Claim), ct);
            if (taken == 1) due.Add(mail);
        }
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
                // Saved after each message, so a process that dies mid-batch does not send the
                // delivered ones again when the claim passes.
                await db.SaveChangesAsync(ct);
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
        // The address stays out of the log: it is often a resident's, typed into a form.
        logger.LogWarning("Mail {MailId} not sent (attempt {Attempts}): {Error}", mail.Id, mail.Attempts, mail.LastError);
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
