#:property PublishAot=false
// The client side of umbraco-media-bench.sh: signs in to the Umbraco site as its administrator (the backoffice's own
// OAuth flow: login, authorize with PKCE, token), then uploads files through the Management API as the backoffice does
// (temporary file, then media create) while reading the site's peak RSS (VmHWM, reset before each step).
// Usage: dotnet run tests/benchmarks/umbraco-media-client.cs -- <base url> <site pid> <image folder> <email> <password>
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var (baseUrl, pid, folder, email, password) = (args[0].TrimEnd('/'), int.Parse(args[1]), args[2], args[3], args[4]);
var cookies = new CookieContainer();
using var web = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
await web.GetAsync("/umbraco"); // registers this host's callback for the backoffice client
var login = await web.PostAsJsonAsync("/umbraco/management/api/v1/security/back-office/login", new { username = email, password });
if (!login.IsSuccessStatusCode) throw new Exception($"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
var redirect = baseUrl + "/umbraco/oauth_complete";
var authorize = await web.GetAsync("/umbraco/management/api/v1/security/back-office/authorize?client_id=umbraco-back-office&response_type=code"
    + $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&scope=offline_access");
var location = authorize.Headers.Location?.ToString() ?? throw new Exception($"authorize: {(int)authorize.StatusCode} {await authorize.Content.ReadAsStringAsync()}");
var code = System.Web.HttpUtility.ParseQueryString(new Uri(location, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(location).Query : location[location.IndexOf('?')..])["code"]
    ?? throw new Exception("no code in " + location);
var token = await web.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier, ["client_id"] = "umbraco-back-office",
}));
if (!token.IsSuccessStatusCode) throw new Exception($"token: {(int)token.StatusCode} {await token.Content.ReadAsStringAsync()}");
// Umbraco 17+ keeps the backoffice's access token in an HTTP-only cookie (the body's token is redacted): the API
// client sends the same cookies as the browser would, with the placeholder bearer token Umbraco swaps for the cookie.
using var api = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(baseUrl + "/umbraco/management/api/v1/"), Timeout = TimeSpan.FromMinutes(10) };
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "[redacted]");
var probe = await api.GetAsync("user/current");
if (!probe.IsSuccessStatusCode) throw new Exception($"not signed in: {(int)probe.StatusCode} cookies: {string.Join(", ", cookies.GetAllCookies().Select(c => c.Name))}");

long Rss(string field) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
var imageType = new Guid("cc07b313-0843-4aa8-bbda-871c8da728c8");

async Task<string> UploadAsync(string file)
{
    var temporary = Guid.NewGuid();
    var form = new MultipartFormDataContent { { new StringContent(temporary.ToString()), "Id" } };
    form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(folder, file))), "File", file);
    var uploaded = await api.PostAsync("temporary-file", form);
    if (!uploaded.IsSuccessStatusCode) return $"{(int)uploaded.StatusCode}";
    var created = await api.PostAsJsonAsync("media", new
    {
        id = Guid.NewGuid(),
        mediaType = new { id = imageType },
        values = new object[] { new { alias = "umbracoFile", value = new { temporaryFileId = temporary } }, new { alias = "altText", value = "ベンチマークの画像" } },
        variants = new[] { new { name = file, culture = (string?)null, segment = (string?)null } },
    });
    return $"{(int)uploaded.StatusCode}+{(int)created.StatusCode}";
}

await Task.Delay(3000);
Console.WriteLine($"idle: {Rss("VmRSS")} MB RSS");
Console.WriteLine("| upload | answers | peak RSS | after |");
Console.WriteLine("|---|---|---:|---:|");
foreach (var file in args.Length > 5 ? args[5..] : ["png-60mp.png", "png-20mp.png", "jpeg-40mp-progressive.jpg", "jpeg-40mp.jpg"])
{
    var idle = Rss("VmRSS");
    ResetPeak();
    var one = await UploadAsync(file);
    Console.WriteLine($"| one {file} (from {idle} MB) | {one} | {Rss("VmHWM")} MB | {Rss("VmRSS")} MB |");
    await Task.Delay(2000);
    idle = Rss("VmRSS");
    ResetPeak();
    var three = await Task.WhenAll(UploadAsync(file), UploadAsync(file), UploadAsync(file));
    Console.WriteLine($"| three {file} at once (from {idle} MB) | {string.Join(" ", three)} | {Rss("VmHWM")} MB | {Rss("VmRSS")} MB |");
    await Task.Delay(2000);
}
