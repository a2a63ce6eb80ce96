using Zaitaku.Web.Hosting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Umbraco.Cms.Persistence.EFCore.Scoping;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Forms.Data;

namespace Zaitaku.Web.Mail;

/// <summary>
/// Mail waits in the database (zaitakuMailOutbox) and is delivered through MailKit by <see cref="MailSenderJob"/>,
/// retried with growing waits: whatever asks for a mail queues it in its own transaction, so a dead mail server
/// loses nothing and delays no one.
/// </summary>
public sealed class MailOutbox(IEFCoreScopeProvider<FormsDbContext> scopes, IOptionsMonitor<MailOptions> options, SiteClock clock, ILogger<MailOutbox> logger)
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>
    /// How long a server holds the messages it took before another may try them: long enough for a batch of 50 on
    /// a slow mail server; after a crash mid-batch the unsent rest goes out once it passes.
    /// </summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);

    /// <summary>Adds a message to the outbox in the caller's transaction (the caller saves).</summary>
    public static void Queue(FormsDbContext db, SiteClock clock, string to, string subject, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutgoingMail { To = to, Subject = subject, Body = body, CreatedUtc = now, NextAttemptUtc = now });
    }

    /// <returns>How many messages were delivered in this round.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Host)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await ClaimDueAsync(now);
        if (due.Count == 0) return 0;

        var sent = new List<OutgoingMail>();
        var failed = new List<(OutgoingMail Mail, string Error)>();
        using (var smtp = new SmtpClient())
        {
            try
            {
                await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security switch
                {
                    "SslOnConnect" => SecureSocketOptions.SslOnConnect,
                    "None" => SecureSocketOptions.None,
                    _ => SecureSocketOptions.StartTls,
                }, ct);
                if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
                foreach (var mail in due)
                {
                    try
                    {
                        await smtp.SendAsync(ToMime(mail, settings), ct);
                        sent.Add(mail);
                        // Recorded after each message, so a process that dies mid-batch does not send it again.
                        await RecordAsync([mail], [], now);
                    }
                    catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or ParseException)
                    {
                        failed.Add((mail, e.Message));
                    }
                }
                await smtp.DisconnectAsync(quit: true, ct);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpProtocolException or AuthenticationException
                                          or SslHandshakeException or SmtpCommandException or OperationCanceledException)
            {
                // The server is down or refuses us: every message not yet delivered waits for its next attempt.
                failed.AddRange(due.Where(m => !sent.Contains(m) && failed.All(f => f.Mail != m)).Select(m => (m, e.Message)));
            }
        }
        await RecordAsync([], failed, now);
        return sent.Count;
    }

    /// <summary>
    /// Several servers (or two rounds that overlap) read the same due rows: each message is taken with a conditional
    /// update that moves its next attempt past the claim, so exactly one sender gets it.
    /// </summary>
    private async Task<List<OutgoingMail>> ClaimDueAsync(DateTime now)
    {
        using var scope = scopes.CreateScope();
        var due = await scope.ExecuteWithContextAsync(async db =>
        {
            await db.BeginWritingAsync();
            var candidates = await db.Outbox.AsNoTracking().Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
                .OrderBy(m => m.Id).Take(50).ToListAsync();
            var taken = new List<OutgoingMail>(candidates.Count);
            foreach (var mail in candidates)
            {
                if (await db.Outbox.Where(m => m.Id == mail.Id && m.SentUtc == null && m.NextAttemptUtc == mail.NextAttemptUtc)
                        .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptUtc, now + Claim)) == 1)
                    taken.Add(mail);
            }
            return taken;
        });
        scope.Complete();
        return due;
    }

    private async Task RecordAsync(IReadOnlyList<OutgoingMail> sent, IReadOnlyList<(OutgoingMail Mail, string Error)> failed, DateTime now)
    {
        if (sent.Count == 0 && failed.Count == 0) return;
        using var scope = scopes.CreateScope();
        await scope.ExecuteWithContextAsync<int>(async db =>
        {
            var delivered = clock.GetUtcNow().UtcDateTime;
            foreach (var mail in sent)
                await db.Outbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentUtc, delivered));
            foreach (var (mail, error) in failed)
            {
                var attempts = mail.Attempts + 1;
                var message = error.Length > 500 ? error[..500] : error;
                var next = now + Backoff[Math.Min(attempts - 1, Backoff.Length - 1)];
                await db.Outbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, message).SetProperty(m => m.NextAttemptUtc, next));
                // The address stays out of the log: it is often a resident's, typed into a form.
                logger.LogWarning("Mail {MailId} not sent (attempt {Attempts}): {Error}", mail.Id, attempts, message);
            }
            return 0;
        });
        scope.Complete();
    }

    /// <summary>
    /// Deletes delivered mail older than <paramref name="age"/>: it holds people's addresses (a sign-up's
    /// confirmation), and once delivered the outbox has no use for it.
    /// </summary>
    public async Task<int> DeleteDeliveredAsync(TimeSpan age)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - age;
        using var scope = scopes.CreateScope();
        var deleted = await scope.ExecuteWithContextAsync(db => db.Outbox.Where(m => m.SentUtc != null && m.SentUtc < cutoff).ExecuteDeleteAsync());
        scope.Complete();
        return deleted;
    }

    private static MimeMessage ToMime(OutgoingMail mail, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }
}
