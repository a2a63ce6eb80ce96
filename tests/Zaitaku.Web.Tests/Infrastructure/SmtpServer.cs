using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd on 127.0.0.1, storing what it receives in a
/// Maildir (tests/run.sh installs python3-aiosmtpd). Stopping and starting it again on the same port
/// stands for a mail server that goes down and comes back.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private Process? _process;
    public int Port { get; } = FreePort();
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "zaitaku-tests", "mail-" + Guid.NewGuid().ToString("N"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        foreach (var part in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(Maildir, part));
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
            { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("aiosmtpd could not be started");
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("aiosmtpd がありません。テストは README のコマンド（bash tests/run.sh）で実行してください: " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("aiosmtpd did not start listening");
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(); }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The messages received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList() : [];
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}
