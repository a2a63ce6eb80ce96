using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like client for the backoffice: keeps cookies, does not follow redirects, and sends the
/// antiforgery token of the form it last read, as a person filling in the page would.
/// </summary>
public sealed partial class BackofficeClient
{
    public HttpClient Http { get; }
    public CookieContainer Cookies { get; } = new();

    public BackofficeClient(SiteFactory factory)
    {
        // https, so that the Secure cookies the backoffice sets are sent back, as a browser would.
        Http = factory.CreateDefaultClient(new Uri("https://localhost"), new CookieHandler(Cookies));
    }

    /// <summary>A client for a site running in another process (see <see cref="SiteProcess"/>).</summary>
    public BackofficeClient(Uri baseAddress)
    {
        Http = new HttpClient(new CookieHandler(Cookies) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(url);

    /// <summary>Reads the form page at <paramref name="formUrl"/>, then posts the fields with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var page = await Http.GetStringAsync(formUrl);
        var token = TokenInput().Match(page).Groups[1].Value;
        var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await Http.PostAsync(postUrl, content);
    }

    /// <summary>Reads the form page for its antiforgery token, then posts a file with the fields as multipart/form-data.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string formUrl, string postUrl, (string Name, string FileName, byte[] Bytes, string ContentType) file,
        params (string Name, string Value)[] fields)
    {
        var page = await Http.GetStringAsync(formUrl);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        content.Add(new StringContent(TokenInput().Match(page).Groups[1].Value), "__RequestVerificationToken");
        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
        content.Add(part, file.Name, file.FileName);
        return await Http.PostAsync(postUrl, content);
    }

    public Task<HttpResponseMessage> InstallAsync(string email, string password, string name = "事務局 管理者") =>
        PostFormAsync("/umbraco/install", "/umbraco/install", ("DisplayName", name), ("Email", email), ("Password", password));

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        PostFormAsync("/umbraco/login", "/umbraco/login", ("Email", email), ("Password", password));

    /// <summary>
    /// Opens the form page, keeps every field as the page filled it in (as a browser submits it),
    /// changes the given fields, and submits with the given button.
    /// </summary>
    public async Task<HttpResponseMessage> EditAndSubmitAsync(string url, (string Button, string Value) submitter, params (string Name, string Value)[] changes)
    {
        var fields = await ReadFormAsync(url);
        foreach (var (name, value) in changes)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(KeyValuePair.Create(name, value));
        }
        fields.Add(KeyValuePair.Create(submitter.Button, submitter.Value));
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Every field of the page's backoffice form as a browser would submit it, unchanged.</summary>
    public async Task<List<KeyValuePair<string, string>>> ReadFormAsync(string url)
    {
        var page = await Http.GetStringAsync(url);
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("form.bo-form")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            var value = element switch
            {
                AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio" } box => box.IsChecked ? box.Value : null,
                AngleSharp.Html.Dom.IHtmlInputElement input => input.Value,
                AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value,
                _ => null,
            };
            if (value is not null) fields.Add(KeyValuePair.Create(name, value));
        }
        return fields;
    }

    /// <summary>The current code of an authenticator app holding this shared key.</summary>
    public static string TotpCode(string sharedKey, DateTime utcNow) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant())).ComputeTotp(utcNow);

    /// <summary>Cookie handling that respects Secure and Path, like a browser.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                foreach (var c in setCookies) cookies.SetCookies(request.RequestUri!, c);
            return response;
        }
    }
}
