using Zaitaku.Core.Content;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Tests.TestSupport;

namespace Zaitaku.Infrastructure.Tests.Publishing;

public class PublishedSnapshotTests
{
    private static readonly Guid IshikaiKey = Guid.Parse("6a0b1c2d-0000-4000-8000-000000000006");
    private static readonly Guid UnpublishedKey = Guid.Parse("6a0b1c2d-0000-4000-8000-0000000000ff");
    private static readonly DateTime Updated = new(2024, 12, 14, 15, 0, 0, DateTimeKind.Utc);

    private static PublishedNodeData Node(int id, int? parentId, int sortOrder, string type, string name, string segment,
        Dictionary<string, string>? values = null, Guid? key = null) =>
        new(id, key ?? Guid.NewGuid(), parentId, sortOrder, type, name, segment, Updated,
            PropertyValues.Serialize(values ?? []));

    private static PublishedSnapshot Build() => new(
    [
        Node(10, null, 1, "siteSettings", "サイト設定", "settings"),
        Node(11, 10, 0, "contactFolder", "問い合わせ先", "contacts"),
        Node(12, 11, 0, "contactPoint", "事務局", "secretariat"),
        Node(1, null, 0, "home", "大和郡山市 在宅医療・介護連携", "home"),
        Node(2, 1, 1, "columnList", "広報つながり 認知症予防コラム", "columns"),
        Node(3, 2, 1, "column", "認知症は早期発見・早期対応が大切です", "2024-12-15",
            new() { ["issueDate"] = "2024-12-15", ["association"] = PropertyValues.DocumentUdi(IshikaiKey) }),
        Node(4, 2, 0, "column", "医師に伝えるポイント", "2025-01-10",
            new() { ["issueDate"] = "2025-01-10", ["association"] = PropertyValues.DocumentUdi(UnpublishedKey) }),
        Node(5, 1, 2, "associationList", "関係団体", "associations"),
        Node(6, 5, 0, "association", "大和郡山市医師会", "ishikai", key: IshikaiKey),
        Node(7, 99, 0, "contentPage", "事業について", "about"), // its parent (99) is not published
        Node(8, 1, 3, "watashiNotePage", "わたしノート", "watashi-note"),
        Node(9, 8, 0, "download", "わたしノート（サンプル）", "full"),
    ], Repository.Schema);

    [Fact]
    public void The_home_page_is_at_the_root_url()
    {
        var home = Build().GetByRoute("/");

        Assert.NotNull(home);
        Assert.Equal(1, home.Id);
        Assert.Equal("/", home.Url);
    }

    [Theory]
    [InlineData("/columns/", 2)]
    [InlineData("/columns", 2)]
    [InlineData("/Columns/", 2)]
    [InlineData("/columns/2024-12-15", 3)]
    [InlineData("/columns/2024-12-15/", 3)]
    [InlineData("/associations/ishikai/", 6)]
    public void A_path_finds_its_page(string path, int expectedId) =>
        Assert.Equal(expectedId, Build().GetByRoute(path)?.Id);

    [Fact]
    public void A_page_url_is_the_path_of_its_segments_with_a_trailing_slash() =>
        Assert.Equal("/columns/2024-12-15/", Build().GetById(3)!.Url);

    [Theory]
    [InlineData("/no-such-page/")]
    [InlineData("/columns/2099-01-01/")]
    [InlineData("/../etc")]
    [InlineData("/columns/../associations/")]
    [InlineData("/%00")]
    [InlineData("/columns/2024_12_15")]
    public void A_path_that_names_no_page_finds_nothing(string path) =>
        Assert.Null(Build().GetByRoute(path));

    [Fact]
    public void Children_come_in_sort_order()
    {
        var columns = Build().GetById(2)!;

        Assert.Equal(["2025-01-10", "2024-12-15"], columns.Children.Select(c => c.UrlSegment));
        Assert.Equal([2, 5, 8], Build().GetById(1)!.Children.Select(c => c.Id));
    }

    [Fact]
    public void A_node_under_an_unpublished_parent_cannot_be_reached()
    {
        var snapshot = Build();

        Assert.Null(snapshot.GetByRoute("/about/"));
        Assert.Null(snapshot.GetById(7));
    }

    [Theory]
    [InlineData(9)]  // download: a file listed on its page, not a page of its own
    [InlineData(12)] // contactPoint: shown in the お問い合わせ block
    [InlineData(10)] // siteSettings
    public void A_node_whose_type_has_no_template_has_no_url(int id)
    {
        var snapshot = Build();

        Assert.Null(snapshot.GetById(id)!.Url);
    }

    [Fact]
    public void A_download_is_not_served_at_a_url_under_its_page() =>
        Assert.Null(Build().GetByRoute("/watashi-note/full/"));

    [Fact]
    public void Picked_follows_a_content_picker_to_the_published_node()
    {
        var snapshot = Build();

        var association = snapshot.Picked(snapshot.GetById(3)!, "association");

        Assert.NotNull(association);
        Assert.Equal("大和郡山市医師会", association.Name);
        Assert.Equal("/associations/ishikai/", association.Url);
    }

    [Fact]
    public void Picked_gives_nothing_when_the_picked_node_is_not_published()
    {
        var snapshot = Build();

        Assert.Null(snapshot.Picked(snapshot.GetById(4)!, "association"));
    }

    [Fact]
    public void Ancestors_and_levels_follow_the_tree()
    {
        var column = Build().GetById(3)!;

        Assert.Equal([2, 1], column.Ancestors().Select(a => a.Id));
        Assert.Equal(3, column.Level);
    }

    [Fact]
    public void A_page_under_an_unpublished_parent_is_in_no_listing()
    {
        Assert.DoesNotContain(Build().OfType("contentPage"), c => c.Id == 7);
    }

    [Theory]
    [InlineData("/kakoi/2024-12-15/", "/columns/2024-12-15/")]
    [InlineData("/Kakoi/2024-12-15", "/columns/2024-12-15/")]
    [InlineData("/old-columns/", "/columns/")]
    public void An_old_address_leads_to_where_its_page_lives_now(string oldPath, string expected)
    {
        var snapshot = WithRedirects(("/kakoi/2024-12-15/", 3), ("/old-columns/", 2));

        Assert.Equal(expected, snapshot.GetRedirect(oldPath)?.Url);
    }

    [Fact]
    public void A_live_page_wins_over_a_redirect_and_an_unpublished_target_redirects_nowhere()
    {
        var snapshot = WithRedirects(("/columns/", 5), ("/gone/", 7), ("/self/", 2));

        Assert.Null(snapshot.GetRedirect("/columns/"));
        Assert.Null(snapshot.GetRedirect("/gone/"));
        Assert.Equal("/columns/", snapshot.GetRedirect("/self/")?.Url);
        Assert.Null(snapshot.GetRedirect("/../etc/passwd"));
    }

    private static PublishedSnapshot WithRedirects(params (string Url, int NodeId)[] redirects)
    {
        var plain = Build();
        var nodes = plain.All.Select(c => new PublishedNodeData(c.Id, c.Key, c.ParentId, c.SortOrder, c.ContentType.Alias,
            c.Name, c.UrlSegment, Updated, "{}"));
        return new PublishedSnapshot(nodes, Repository.Schema,
            redirects.Select(r => KeyValuePair.Create(r.Url, plain.GetById(r.NodeId)?.Key ?? Guid.NewGuid())));
    }
}
