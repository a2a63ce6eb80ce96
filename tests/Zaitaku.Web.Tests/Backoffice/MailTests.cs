using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// The review workflow's e-mail, delivered through a real SMTP server (aiosmtpd); with the server
/// down, the mail waits in the outbox and goes out when the server is back.
/// </summary>
public sealed class MailTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private BackofficeAccounts _accounts = null!;

    public async Task InitializeAsync()
    {
        _accounts = new BackofficeAccounts();
        _accounts.Factory.WithSetting("Zaitaku:Mail:Host", "127.0.0.1")
            .WithSetting("Zaitaku:Mail:Port", _smtp.Port.ToString())
            .WithSetting("Zaitaku:Mail:Security", "None")
            .WithSetting("Zaitaku:Mail:From", "zaitaku@example.jp");
        await _accounts.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _accounts.DisposeAsync();
        _smtp.Dispose();
    }

    private Task<int> SendOutboxAsync() => _accounts.Factory.Services.GetRequiredService<MailOutbox>().SendDueAsync();

    [Fact]
    public async Task Reviewers_are_told_of_a_request_and_the_editor_of_the_answer()
    {
        await _smtp.StartAsync();
        var url = await _accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        await _accounts.Clients["AssociationEditors"].EditAndSubmitAsync(url, ("command", "submit"));
        Assert.Equal(2, await SendOutboxAsync());
        var requests = _smtp.Messages();
        Assert.Equal(["admin@example.jp", "reviewer@example.jp"], requests.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.All(requests, m => Assert.Equal("確認の依頼：認知症は早期発見・早期対応が大切です", m.Subject));
        Assert.Contains($"{BackofficeAccounts.EditorName} さんから", requests[0].TextBody);
        Assert.Contains(url, requests[0].TextBody);

        await _accounts.Clients["Reviewers"].EditAndSubmitAsync(url, ("command", "return"), ("reviewComment", "見出しを短くしてください。"));
        Assert.Equal(1, await SendOutboxAsync());
        var answer = _smtp.Messages().Single(m => m.Subject?.StartsWith("差し戻し") == true);
        Assert.Equal("editor@example.jp", answer.To.Mailboxes.Single().Address);
        Assert.Contains("見出しを短くしてください。", answer.TextBody);
    }

    [Fact]
    public async Task With_the_mail_server_down_nothing_is_lost_and_the_mail_goes_out_when_it_is_back()
    {
        var url = await _accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        // The server is down: the editor's request still goes through, and the mail waits.
        var submitted = await _accounts.Clients["AssociationEditors"].EditAndSubmitAsync(url, ("command", "submit"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(0, await SendOutboxAsync());
        var waiting = await _accounts.Factory.WithDatabaseAsync(db => db.OutgoingMails.ToListAsync());
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, m => { Assert.Null(m.SentUtc); Assert.Equal(1, m.Attempts); Assert.NotNull(m.LastError); });

        await _smtp.StartAsync();
        Assert.Equal(0, await SendOutboxAsync()); // not before its next attempt
        _accounts.Factory.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(2, await SendOutboxAsync());
        Assert.Equal(2, _smtp.Messages().Count);
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_message_once()
    {
        // Two nodes' outbox rounds over one database (here two senders in one process).
        await _smtp.StartAsync();
        await _accounts.Factory.WithDatabaseAsync(async db =>
        {
            for (var i = 0; i < 30; i++) MailOutbox.Queue(db, _accounts.Factory.Clock, $"person{i}@example.jp", $"お知らせ {i}", "本文");
            await db.SaveChangesAsync();
        });
        var services = _accounts.Factory.Services;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value;
        var first = ActivatorUtilities.CreateInstance<MailOutbox>(services, options);
        var second = ActivatorUtilities.CreateInstance<MailOutbox>(services, options);

        var sent = await Task.WhenAll(first.SendDueAsync(), second.SendDueAsync(), first.SendDueAsync());

        Assert.InRange(sent.Sum(), 1, 30);
        var subjects = _smtp.Messages().Select(m => m.Subject).ToList();
        Assert.Equal(30, subjects.Count);
        Assert.Equal(30, subjects.Distinct().Count());
    }
}
