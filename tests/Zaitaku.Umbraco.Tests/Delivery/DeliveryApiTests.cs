using System.Net;
using System.Text.Json;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Delivery;

/// <summary>
/// Umbraco's Delivery API on the seeded content, with our additions: shapes, queries (association, publishDate),
/// paging, expand, fields, Markdown as HTML, no editorial properties, mistakes in Japanese, the OpenAPI document.
/// The Umbraco site's version of the old site's DeliveryApiTests (which tested our own copy of the API): each assertion
/// kept with the same meaning, on Umbraco's shapes; where Umbraco's own behaviour differs the test says so.
/// </summary>
public sealed class DeliveryApiTests(SharedSite site) : IClassFixture<SharedSite>
{
    public const string Api = "/umbraco/delivery/api/v2";
    public const string OpenApiDocument = "/umbraco/openapi/delivery.json";
    private readonly HttpClient _client = site.Client;

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expect == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Umbraco's Delivery API index is filled in the background after the seed: wait for the nine columns.</summary>
    private async Task IndexedAsync()
    {
        for (var i = 0; i < 120; i++)
        {
            var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&take=1");
            if (page.GetProperty("total").GetInt32() >= 9) return;
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Columns_come_in_Umbracos_shape_newest_first()
    {
        await IndexedAsync();
        var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=updateDate:desc&take=3");
        Assert.Equal(9, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var first = items[0];
        Assert.Equal("column", first.GetProperty("contentType").GetString());
        Assert.True(Guid.TryParse(first.GetProperty("id").GetString(), out _));
        Assert.StartsWith("/columns/", first.GetProperty("route").GetProperty("path").GetString());
        // Every item starts from the home page (Umbraco names it by its key and its own URL segment).
        Assert.Equal(SiteContent.SeedKey("/").ToString("D"), first.GetProperty("route").GetProperty("startItem").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("cultures").ValueKind);
        var properties = first.GetProperty("properties");
        Assert.Contains("<p>", properties.GetProperty("body").GetString()); // Markdown as HTML (Umbraco gives it as typed)
        Assert.DoesNotContain("**", properties.GetProperty("body").GetString());
        Assert.True(properties.GetProperty("sampleBody").GetBoolean());
        // Editorial deadlines and form pickers are not content for readers.
        Assert.False(properties.TryGetProperty("dueDate", out _));
        Assert.False(properties.TryGetProperty("form", out _));
        var dates = items.Select(i => i.GetProperty("updateDate").GetDateTime()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal("application/json; charset=utf-8", (await _client.GetAsync($"{Api}/content")).Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Sorting_ascending_reverses_descending_and_paging_walks_the_same_list()
    {
        await IndexedAsync();
        var all = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=publishDate:asc&sort=name:asc&take=100");
        var names = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(9, names.Count);
        var descending = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=publishDate:desc&sort=name:desc&take=100");
        Assert.Equal(names.AsEnumerable().Reverse(), descending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var paged = new List<string?>();
        for (var skip = 0; skip < 9; skip += 4)
        {
            var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=publishDate:asc&sort=name:asc&skip={skip}&take=4");
            Assert.Equal(9, page.GetProperty("total").GetInt32());
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        }
        Assert.Equal(names, paged);
        var byCreate = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=createDate:desc&take=100");
        var created = byCreate.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("createDate").GetDateTime()).ToList();
        Assert.Equal(created.OrderByDescending(d => d), created);
    }

    [Fact]
    public async Task Filter_by_association_gives_that_associations_columns_only()
    {
        await IndexedAsync();
        var ishikai = await GetJsonAsync(_client, $"{Api}/content/item/associations/ishikai");
        var key = ishikai.GetProperty("id").GetString();
        var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&filter=association:ishikai&take=100");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.True(items.Count < 9);
        Assert.All(items, i => Assert.Equal(key, i.GetProperty("properties").GetProperty("association").GetProperty("id").GetString()));
        // The same by the association's id, and the opposite with "!".
        var byKey = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&filter=association:{key}&take=100");
        Assert.Equal(items.Count, byKey.GetProperty("total").GetInt32());
        var others = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&filter=association:!ishikai&take=100");
        Assert.Equal(9 - items.Count, others.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Fetch_children_lists_a_section_in_the_editors_order()
    {
        await IndexedAsync();
        var page = await GetJsonAsync(_client, $"{Api}/content?fetch=children:/columns/&take=100");
        Assert.Equal(9, page.GetProperty("total").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("column", i.GetProperty("contentType").GetString()));
    }

    [Fact]
    public async Task Pickers_are_links_unless_expanded_and_fields_choose_the_properties()
    {
        var link = await GetJsonAsync(_client, $"{Api}/content/item/columns/2024-12-15");
        var association = link.GetProperty("properties").GetProperty("association");
        Assert.Equal("association", association.GetProperty("contentType").GetString());
        Assert.Equal("/associations/ishikai/", association.GetProperty("route").GetProperty("path").GetString());
        Assert.Empty(association.GetProperty("properties").EnumerateObject());

        var expanded = await GetJsonAsync(_client, $"{Api}/content/item/columns/2024-12-15?expand=properties[association]");
        var full = expanded.GetProperty("properties").GetProperty("association").GetProperty("properties");
        Assert.Contains("医師会", full.GetProperty("shortName").GetString());

        var some = await GetJsonAsync(_client, $"{Api}/content/item/columns/2024-12-15?fields=properties[theme,issueDate]");
        Assert.Equal(["issueDate", "theme"], some.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal("2024-12-15T00:00:00", some.GetProperty("properties").GetProperty("issueDate").GetString());
    }

    [Fact]
    public async Task A_statistics_table_is_its_header_and_rows_not_csv_text()
    {
        var page = await GetJsonAsync(_client, $"{Api}/content/item/about/participation?fields=properties[table]");
        var table = page.GetProperty("properties").GetProperty("table");
        Assert.Equal(["fiscal_year", "fiscal_year_label", "body", "meetings", "organizations", "participants"],
            table.GetProperty("header").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(["2024", "R6", "推進会議", "1", "11", "23"], table.GetProperty("rows")[0].EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_item_is_found_by_path_by_key_and_in_a_list_by_ids()
    {
        var byPath = await GetJsonAsync(_client, $"{Api}/content/item/columns/2024-12-15/");
        var key = byPath.GetProperty("id").GetString();
        Assert.Equal(SiteContent.SeedKey("/columns/2024-12-15/").ToString("D"), key); // the seed's key, stable across installs
        var byKey = await GetJsonAsync(_client, $"{Api}/content/item/{key}");
        Assert.Equal("認知症は早期発見・早期対応が大切です", byKey.GetProperty("name").GetString());
        var home = await GetJsonAsync(_client, $"{Api}/content/item/");
        Assert.Equal("home", home.GetProperty("contentType").GetString());
        Assert.Equal("/", home.GetProperty("route").GetProperty("path").GetString());
        var list = await GetJsonAsync(_client, $"{Api}/content/items?id={key}&id={Guid.NewGuid()}&id={home.GetProperty("id").GetString()}");
        Assert.Equal([key, home.GetProperty("id").GetString()], list.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Items_by_ids_come_back_in_the_order_asked_each_time()
    {
        await IndexedAsync();
        var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:column&sort=name:asc&take=4");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(4, ids.Count);
        // Orders that are neither sorted nor reverse-sorted, each asked twice: the second answer of each comes from the
        // output cache, which must keep one entry per order.
        foreach (var order in new[] { new[] { 2, 0, 3, 1 }, [1, 3, 0, 2], [3, 1, 2, 0] })
        {
            var asked = order.Select(i => ids[i]).ToList();
            var url = $"{Api}/content/items?" + string.Join("&", asked.Select(id => "id=" + id));
            for (var time = 0; time < 2; time++)
                Assert.Equal(asked, (await GetJsonAsync(_client, url)).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task The_site_settings_are_not_content_for_readers()
    {
        await IndexedAsync();
        Assert.Equal(0, (await GetJsonAsync(_client, $"{Api}/content?filter=contentType:siteSettings")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetJsonAsync(_client, $"{Api}/content?filter=contentType:contactFolder")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("POST", "/content")]
    [InlineData("PUT", "/content/item/columns/2024-12-15")]
    [InlineData("DELETE", "/content/item/00000000-0000-0000-0000-000000000001")]
    [InlineData("PATCH", "/content/items?id=00000000-0000-0000-0000-000000000001")]
    public async Task Writing_to_an_api_address_is_a_405_that_names_the_allowed_methods(string method, string url)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Api + url) { Content = new StringContent("{}") });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(405, problem.GetProperty("status").GetInt32());
        Assert.Contains("読み取り専用", problem.GetProperty("title").GetString());
        Assert.Contains(method, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_address_the_api_does_not_have_is_a_404_and_head_answers_like_get()
    {
        var missing = await _client.GetAsync($"{Api}/forms");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        // HEAD, which the 405 names as allowed, really is: the same status and type as GET.
        foreach (var url in new[] { "/content?take=1", "/content/item/columns/2024-12-15" })
        {
            var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Api + url));
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {(int)head.StatusCode}");
            Assert.Equal("application/json", head.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_download_carries_its_files_address_type_and_size()
    {
        await IndexedAsync();
        var page = await GetJsonAsync(_client, $"{Api}/content?filter=contentType:download&take=100");
        var file = page.GetProperty("items").EnumerateArray().First().GetProperty("properties").GetProperty("file").EnumerateArray().Single();
        // Umbraco names the media type by its alias: a PDF is an article (umbracoMediaArticle), the old API said "File".
        Assert.Equal("umbracoMediaArticle", file.GetProperty("mediaType").GetString());
        Assert.Equal("pdf", file.GetProperty("extension").GetString());
        Assert.True(file.GetProperty("bytes").GetInt64() > 1000);
        var url = file.GetProperty("url").GetString()!;
        Assert.StartsWith("/media/", url);
        var pdf = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(file.GetProperty("bytes").GetInt64(), (await pdf.Content.ReadAsByteArrayAsync()).Length);
    }

    /// <summary>
    /// The mistakes Umbraco itself refuses, and ours (skip and take out of range, which Umbraco answered with a 500),
    /// each a 400 that names the parameter in Japanese. Umbraco answers the old API's other refusals (an unknown
    /// content type, a fetch of a path that does not exist, an unreadable date or direction, unknown fields or
    /// expand) as queries that find nothing or ignore the part: those are not refused here.
    /// </summary>
    [Theory]
    [InlineData("/content?take=100000", "take")]
    [InlineData("/content?take=-1", "take")]
    [InlineData("/content?skip=-5", "skip")]
    [InlineData("/content?skip=abc", "skip")]
    [InlineData("/content?filter=bogus", "filter")]
    [InlineData("/content?filter=colour:red", "filter")]
    [InlineData("/content?filter=association:nosuch", "filter")]
    [InlineData("/content?sort=colour:asc", "sort")]
    [InlineData("/content?fetch=siblings:/columns/", "fetch")]
    [InlineData("/content/items?id=not-a-guid", "id")]
    public async Task Bad_input_is_a_400_problem_that_says_what_is_wrong_in_Japanese(string url, string parameter)
    {
        var response = await _client.GetAsync(Api + url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        var messages = errors.EnumerateObject().Single(e => e.Name.Equals(parameter, StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Matches("[ぁ-んァ-ン]", messages[0].GetString()!);
    }

    [Theory]
    [InlineData("/content/item/no/such/page")]
    [InlineData("/content/item/00000000-0000-0000-0000-000000000001")]
    [InlineData("/forms")]
    [InlineData("/users")]
    public async Task Unknown_addresses_are_a_json_404(string url)
    {
        var response = await _client.GetAsync(Api + url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("ありません|見つかりません", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Answers_are_output_cached()
    {
        var url = $"{Api}/content/item/associations/ishikai";
        await _client.GetAsync(url);
        var second = await _client.GetAsync(url);
        Assert.True(second.Headers.Age is not null, "the second answer should come from the output cache (Age header)");
    }

    [Fact]
    public async Task The_OpenAPI_document_passes_an_external_validator_and_documents_our_query_additions()
    {
        var response = await _client.GetAsync(OpenApiDocument);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(json).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains($"{Api}/content", paths);
        Assert.Contains($"{Api}/content/items", paths);
        Assert.Contains($"{Api}/content/item/{{id}}", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith(Api)); // none of the site's own pages
        Assert.Equal(SiteFactory.TestPublicUrl, document.GetProperty("servers")[0].GetProperty("url").GetString());
        // A developer reading it learns the query syntax there, ours included.
        var parameters = document.GetProperty("paths").GetProperty($"{Api}/content").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        var filter = parameters.Single(p => p.GetProperty("name").GetString() == "filter").GetProperty("description").GetString();
        Assert.Contains("contentType:column", filter);
        Assert.Contains("association:ishikai", filter);
        Assert.Contains("publishDate:desc", parameters.Single(p => p.GetProperty("name").GetString() == "sort").GetProperty("description").GetString());

        var folder = Directory.CreateTempSubdirectory("zaitaku-openapi-").FullName;
        try
        {
            var file = Path.Combine(folder, "delivery.json");
            await File.WriteAllTextAsync(file, json);
            var (exit, output) = await OpenApiValidator.RunAsync(file);
            Assert.True(exit == 0, "openapi-validator: " + output);
            Assert.Contains("valid OpenAPI 3.1", output);

            // The validator refuses a broken copy: a parameter that does not say where it goes (query, header ...),
            // and a reference to a schema the document does not have.
            var broken = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            broken["paths"]![$"{Api}/content"]!["get"]!["parameters"]![0]!.AsObject().Remove("in");
            var brokenFile = Path.Combine(folder, "delivery-broken.json");
            await File.WriteAllTextAsync(brokenFile, broken.ToJsonString());
            var (brokenExit, brokenOutput) = await OpenApiValidator.RunAsync(brokenFile);
            Assert.True(brokenExit == 1, "a parameter without \"in\" should be refused: " + brokenOutput);
            Assert.Contains("must have required property 'in'", brokenOutput);

            const string reference = "\"#/components/schemas/IApiContentResponseModel\"";
            Assert.Contains(reference, json);
            await File.WriteAllTextAsync(brokenFile, json.Replace(reference, "\"#/components/schemas/NoSuchSchema\"", StringComparison.Ordinal));
            (brokenExit, brokenOutput) = await OpenApiValidator.RunAsync(brokenFile);
            Assert.True(brokenExit == 1, "a dangling $ref should be refused: " + brokenOutput);
            Assert.Contains("NoSuchSchema", brokenOutput);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// The OpenAPI validator vendored in tests/openapi-validator (@seriousme/openapi-schema-validator, bundled),
/// run with Debian's nodejs, which tests/run.sh installs.
/// </summary>
public static class OpenApiValidator
{
    public static async Task<(int Exit, string Output)> RunAsync(string file)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "openapi-validator", "openapi-validator.mjs");
        var start = new System.Diagnostics.ProcessStartInfo("node", [script, file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
