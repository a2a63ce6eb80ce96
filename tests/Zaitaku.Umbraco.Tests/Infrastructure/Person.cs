using System.Net;
using System.Net.Sockets;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// A visitor with a browser of their own: their own cookies, and their own address on the loopback network
/// (127.1.x.y), so that the per-address submission limit counts each person apart as it would on the internet.
/// Redirects are not followed, so tests see the 303 a browser receives.
/// </summary>
public static class Person
{
    private static int _next;

    public static HttpClient Browser(string? baseUrl = null)
    {
        var n = Interlocked.Increment(ref _next);
        var address = new IPAddress([127, 1, (byte)(n / 250 % 250), (byte)(n % 250 + 1)]);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host),
                        context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl ?? SiteFactory.Shared.BaseUrl), Timeout = TimeSpan.FromMinutes(3) };
    }
}
