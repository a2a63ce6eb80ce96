using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Editors;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Editors;

/// <summary>
/// Who may touch what, through Umbraco's own Management API (as the backoffice calls it): the administrators, the
/// secretariat (事務局) and the 医師会's editors, on a column of the 医師会, on a column of the 歯科医師会, and on the
/// 歯科医師会's media. Each refused call is checked twice: the answer (403, or 400 with our reason) and the database
/// (nothing changed). Columns made for a test are drafts of their own, deleted afterwards; the publishing cases make a
/// column public for a moment, so the class runs alone after the others.
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class EditorPermissionTests(SharedSite shared)
{
    private const string Admin = Constants.Security.AdminGroupAlias;
    private const string Secretariat = EditorGroups.SecretariatAlias;
    private static readonly string Ishikai = EditorGroups.AliasFor("ishikai");

    private static readonly Guid ColumnTypeKey = Guid.Parse("5090313e-2f60-506e-9986-7330596b904f");
    private static readonly Guid ColumnList = SiteContent.SeedKey("/columns/");
    private static readonly Guid IshikaiNode = SiteContent.SeedKey("/associations/ishikai/");
    private static readonly Guid ShikaIshikaiNode = SiteContent.SeedKey("/associations/shika-ishikai/");
    /// <summary>Seeded: 2024-12-15 is the 医師会's, 2025-03-15 the 歯科医師会's.</summary>
    private static readonly Guid SeededOwnColumn = SiteContent.SeedKey("/columns/2024-12-15/");
    private static readonly Guid SeededOtherColumn = SiteContent.SeedKey("/columns/2025-03-15/");

    private IServiceProvider Services => shared.Factory.Services;
    private IContentService Content => Services.GetRequiredService<IContentService>();
    private IMediaService Media => Services.GetRequiredService<IMediaService>();

    public enum Target { OwnColumn, OtherColumn }

    public enum Act { Read, Update, CreateUnderColumns, Publish, Unpublish, Move, MoveToRecycleBin, Delete }

    public static TheoryData<string, Target, Act, HttpStatusCode> DocumentMatrix()
    {
        var data = new TheoryData<string, Target, Act, HttpStatusCode>();
        foreach (var group in new[] { Admin, Secretariat })
        foreach (var target in new[] { Target.OwnColumn, Target.OtherColumn })
        {
            data.Add(group, target, Act.Read, HttpStatusCode.OK);
            data.Add(group, target, Act.Update, HttpStatusCode.OK);
            data.Add(group, target, Act.CreateUnderColumns, HttpStatusCode.Created);
            data.Add(group, target, Act.Publish, HttpStatusCode.OK);
            data.Add(group, target, Act.Unpublish, HttpStatusCode.OK);
            data.Add(group, target, Act.Move, HttpStatusCode.OK);
            data.Add(group, target, Act.MoveToRecycleBin, HttpStatusCode.OK);
            data.Add(group, target, Act.Delete, HttpStatusCode.OK);
        }
        // The 医師会's editor: her own column she reads, saves and creates, nothing more.
        data.Add(Ishikai, Target.OwnColumn, Act.Read, HttpStatusCode.OK);
        data.Add(Ishikai, Target.OwnColumn, Act.Update, HttpStatusCode.OK);
        data.Add(Ishikai, Target.OwnColumn, Act.CreateUnderColumns, HttpStatusCode.Created);
        data.Add(Ishikai, Target.OwnColumn, Act.Publish, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OwnColumn, Act.Unpublish, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OwnColumn, Act.Move, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OwnColumn, Act.MoveToRecycleBin, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OwnColumn, Act.Delete, HttpStatusCode.Forbidden);
        // Another association's column: not even read; a new column in another association's name is refused by ours.
        data.Add(Ishikai, Target.OtherColumn, Act.Read, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.Update, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.CreateUnderColumns, HttpStatusCode.BadRequest);
        data.Add(Ishikai, Target.OtherColumn, Act.Publish, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.Unpublish, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.Move, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.MoveToRecycleBin, HttpStatusCode.Forbidden);
        data.Add(Ishikai, Target.OtherColumn, Act.Delete, HttpStatusCode.Forbidden);
        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentMatrix))]
    public async Task Document_endpoints_answer_each_group_as_its_permissions_say_and_a_refusal_changes_nothing(
        string group, Target target, Act act, HttpStatusCode expected)
    {
        var association = target == Target.OwnColumn ? IshikaiNode : ShikaIshikaiNode;
        var column = CreateColumn(association, publish: act == Act.Unpublish);
        var newKey = Guid.NewGuid();
        try
        {
            var api = await ManagementApi.AsGroupAsync(group);
            using var response = act switch
            {
                Act.Read => await api.GetAsync($"document/{column.Key}"),
                Act.Update => await api.PutAsJsonAsync($"document/{column.Key}", UpdateBody(column, "書き換えたテーマ")),
                Act.CreateUnderColumns => await api.PostAsJsonAsync("document", CreateBody(newKey, association)),
                Act.Publish => await api.PutAsJsonAsync($"document/{column.Key}/publish", new { publishSchedules = new[] { new { culture = (string?)null } } }),
                Act.Unpublish => await api.PutAsJsonAsync($"document/{column.Key}/unpublish", new { cultures = (string[]?)null }),
                Act.Move => await api.PutAsJsonAsync($"document/{column.Key}/move", new { target = new { id = ColumnList } }),
                Act.MoveToRecycleBin => await api.PutAsync($"document/{column.Key}/move-to-recycle-bin", null),
                Act.Delete => await api.DeleteAsync($"document/{column.Key}"),
                _ => throw new ArgumentOutOfRangeException(nameof(act)),
            };
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{group} {act} {target}: expected {(int)expected}, got {(int)response.StatusCode} {body}");

            var after = Content.GetById(column.Key);
            if (response.IsSuccessStatusCode)
            {
                switch (act)
                {
                    case Act.Update: Assert.Equal("書き換えたテーマ", after!.GetValue<string>("theme")); break;
                    case Act.CreateUnderColumns: Assert.Equal(association, EditorGroups.AssociationOf(Content.GetById(newKey)!)); break;
                    case Act.Publish: Assert.True(after!.Published); break;
                    case Act.Unpublish: Assert.False(after!.Published); break;
                    case Act.MoveToRecycleBin: Assert.True(after!.Trashed); break;
                    case Act.Delete: Assert.Null(after); break;
                }
                return;
            }
            // Refused: the column is as it was, and nothing was made.
            Assert.NotNull(after);
            Assert.Equal("テスト用のテーマ", after.GetValue<string>("theme"));
            Assert.Equal(act == Act.Unpublish, after.Published);
            Assert.False(after.Trashed);
            Assert.Equal(ColumnListId(), after.ParentId);
            Assert.Null(Content.GetById(newKey));
            if (act == Act.CreateUnderColumns)
            {
                // What the editor reads: our reason, in Japanese.
                using var problem = JsonDocument.Parse(body);
                Assert.Equal(AssociationScope.NotYours, problem.RootElement.GetProperty("title").GetString());
            }
        }
        finally
        {
            if (Content.GetById(newKey) is { } made) Content.Delete(made);
            if (Content.GetById(column.Key) is { } left) Content.Delete(left);
        }
    }

    [Fact]
    public async Task An_editor_cannot_hand_her_own_column_to_another_association()
    {
        var column = CreateColumn(IshikaiNode, publish: false);
        try
        {
            var api = await ManagementApi.AsGroupAsync(Ishikai);
            using var response = await api.PutAsJsonAsync($"document/{column.Key}", UpdateBody(column, "書き換えたテーマ", ShikaIshikaiNode));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(AssociationScope.NotYours, problem.RootElement.GetProperty("title").GetString());
            var after = Content.GetById(column.Key)!;
            Assert.Equal(IshikaiNode, EditorGroups.AssociationOf(after));
            Assert.Equal("テスト用のテーマ", after.GetValue<string>("theme"));
        }
        finally
        {
            if (Content.GetById(column.Key) is { } left) Content.Delete(left);
        }
    }

    [Fact]
    public async Task A_column_the_secretariat_hands_to_another_association_leaves_its_former_editors()
    {
        var column = CreateColumn(IshikaiNode, publish: false);
        try
        {
            var editor = await ManagementApi.AsGroupAsync(Ishikai);
            using (var before = await editor.GetAsync($"document/{column.Key}")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

            var secretariat = await ManagementApi.AsGroupAsync(Secretariat);
            using (var handed = await secretariat.PutAsJsonAsync($"document/{column.Key}", UpdateBody(column, "テスト用のテーマ", ShikaIshikaiNode)))
                Assert.Equal(HttpStatusCode.OK, handed.StatusCode);

            using var after = await editor.GetAsync($"document/{column.Key}");
            Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        }
        finally
        {
            if (Content.GetById(column.Key) is { } left) Content.Delete(left);
        }
    }

    [Fact]
    public async Task Seeded_content_an_editor_reads_is_her_associations_and_the_lists_only()
    {
        var api = await ManagementApi.AsGroupAsync(Ishikai);
        var expectations = new (Guid Key, HttpStatusCode Status)[]
        {
            (SiteContent.SeedKey("/"), HttpStatusCode.OK),
            (ColumnList, HttpStatusCode.OK),
            (SiteContent.SeedKey("/associations/"), HttpStatusCode.OK),
            (IshikaiNode, HttpStatusCode.OK),
            (SeededOwnColumn, HttpStatusCode.OK),
            (SeededOtherColumn, HttpStatusCode.Forbidden),
            (ShikaIshikaiNode, HttpStatusCode.Forbidden),
            (SiteContent.SeedKey("/about/"), HttpStatusCode.Forbidden),
            (SiteContent.SeedKey("/soudan/"), HttpStatusCode.Forbidden),
        };
        foreach (var (key, status) in expectations)
        {
            using var response = await api.GetAsync($"document/{key}");
            Assert.True(status == response.StatusCode, $"{key}: expected {(int)status}, got {(int)response.StatusCode}");
        }
        // The site's settings live beside the home page, outside her start node.
        var settings = Content.GetRootContent().First(c => c.ContentType.Alias != EditorGroups.HomeType);
        using (var outside = await api.GetAsync($"document/{settings.Key}")) Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        // Pages she may read she may not change: the home page and the column list.
        var home = Content.GetById(SiteContent.SeedKey("/"))!;
        using (var put = await api.PutAsJsonAsync($"document/{home.Key}", UpdateBody(home, null)))
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(home.UpdateDate, Content.GetById(home.Key)!.UpdateDate);
        // Nor create anything anywhere but under the column list.
        using (var create = await api.PostAsJsonAsync("document", CreateBody(Guid.NewGuid(), IshikaiNode, parent: SiteContent.SeedKey("/associations/"))))
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task The_content_tree_shows_an_editor_her_own_columns_and_nothing_of_the_others()
    {
        var editor = await ManagementApi.AsGroupAsync(Ishikai);
        var root = await TreeKeysAsync(editor, "tree/document/root");
        Assert.Equal([SiteContent.SeedKey("/")], root);

        var underHome = await TreeKeysAsync(editor, $"tree/document/children?parentId={SiteContent.SeedKey("/")}&take=100");
        Assert.Equal(new[] { ColumnList, SiteContent.SeedKey("/associations/") }.Order(), underHome.Order());

        var columns = await TreeKeysAsync(editor, $"tree/document/children?parentId={ColumnList}&take=100");
        Assert.Contains(SeededOwnColumn, columns);
        Assert.DoesNotContain(SeededOtherColumn, columns);
        Assert.All(columns, key => Assert.Equal(IshikaiNode, EditorGroups.AssociationOf(Content.GetById(key)!)));

        var associations = await TreeKeysAsync(editor, $"tree/document/children?parentId={SiteContent.SeedKey("/associations/")}&take=100");
        Assert.Equal([IshikaiNode], associations);

        // The secretariat sees every column.
        var secretariat = await ManagementApi.AsGroupAsync(Secretariat);
        var all = await TreeKeysAsync(secretariat, $"tree/document/children?parentId={ColumnList}&take=100");
        Assert.Contains(SeededOwnColumn, all);
        Assert.Contains(SeededOtherColumn, all);
    }

    [Fact]
    public async Task The_item_endpoints_name_only_what_the_user_may_browse()
    {
        var ownFolder = EditorGroups.MediaFolderKey(IshikaiNode);
        var otherFolder = EditorGroups.MediaFolderKey(ShikaIshikaiNode);
        var documents = $"item/document?id={SeededOwnColumn}&id={SeededOtherColumn}&id={ShikaIshikaiNode}";
        var media = $"item/media?id={ownFolder}&id={otherFolder}";

        var editor = await ManagementApi.AsGroupAsync(Ishikai);
        Assert.Equal([SeededOwnColumn], await ItemKeysAsync(editor, documents));
        Assert.Equal([ownFolder], await ItemKeysAsync(editor, media));

        var secretariat = await ManagementApi.AsGroupAsync(Secretariat);
        Assert.Equal(3, (await ItemKeysAsync(secretariat, documents)).Count);
        Assert.Equal(2, (await ItemKeysAsync(secretariat, media)).Count);
    }

    private static async Task<List<Guid>> ItemKeysAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task An_editor_reaches_her_associations_media_folder_and_no_other()
    {
        var own = EditorGroups.MediaFolderKey(IshikaiNode);
        var other = EditorGroups.MediaFolderKey(ShikaIshikaiNode);
        var otherBefore = Media.GetById(other)!;
        var editor = await ManagementApi.AsGroupAsync(Ishikai);

        Assert.Equal([own], await TreeKeysAsync(editor, "tree/media/root"));
        using (var read = await editor.GetAsync($"media/{own}")) Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var mine = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        try
        {
            using (var made = await editor.PostAsJsonAsync("media", FolderBody(mine, own, "医師会の写真")))
                Assert.Equal(HttpStatusCode.Created, made.StatusCode);

            using (var read = await editor.GetAsync($"media/{other}")) Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            using (var children = await editor.GetAsync($"tree/media/children?parentId={other}&take=100"))
                Assert.True(children.StatusCode == HttpStatusCode.Forbidden || (await ItemsAsync(children)).Count == 0, $"children: {(int)children.StatusCode}");
            using (var update = await editor.PutAsJsonAsync($"media/{other}", new { values = Array.Empty<object>(), variants = new[] { new { name = "書き換え", culture = (string?)null, segment = (string?)null } } }))
                Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
            using (var create = await editor.PostAsJsonAsync("media", FolderBody(theirs, other, "入れたフォルダー")))
                Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
            using (var move = await editor.PutAsJsonAsync($"media/{other}/move", new { target = new { id = own } }))
                Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
            using (var trash = await editor.PutAsync($"media/{other}/move-to-recycle-bin", null))
                Assert.Equal(HttpStatusCode.Forbidden, trash.StatusCode);
            using (var delete = await editor.DeleteAsync($"media/{other}"))
                Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
            // The shared folder (共有) is the secretariat's.
            using (var shared = await editor.GetAsync($"media/{Zaitaku.Web.Seed.ContentSeed.KeyFor("media/")}"))
                Assert.Equal(HttpStatusCode.Forbidden, shared.StatusCode);

            var otherAfter = Media.GetById(other)!;
            Assert.Equal(otherBefore.Name, otherAfter.Name);
            Assert.Equal(otherBefore.ParentId, otherAfter.ParentId);
            Assert.False(otherAfter.Trashed);
            Assert.Null(Media.GetById(theirs));

            // The secretariat and the administrators reach it.
            foreach (var group in new[] { Secretariat, Admin })
            {
                var api = await ManagementApi.AsGroupAsync(group);
                using var read = await api.GetAsync($"media/{other}");
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }
        }
        finally
        {
            foreach (var key in new[] { mine, theirs })
                if (Media.GetById(key) is { } made) Media.Delete(made);
        }
    }

    [Fact]
    public async Task The_groups_are_umbracos_with_japanese_names_and_every_association_has_one()
    {
        var groups = Services.GetRequiredService<IUserGroupService>();
        Assert.Equal(EditorGroups.AdminName, (await groups.GetAsync(Admin))!.Name);
        var secretariat = (await groups.GetAsync(Secretariat))!;
        Assert.Equal(EditorGroups.SecretariatName, secretariat.Name);
        Assert.Contains(Umbraco.Cms.Core.Actions.ActionPublish.ActionLetter, secretariat.Permissions);
        Assert.DoesNotContain(Umbraco.Cms.Core.Actions.ActionRights.ActionLetter, secretariat.Permissions);

        var type = Services.GetRequiredService<IContentTypeService>().Get(EditorGroups.AssociationType)!;
        var associations = Content.GetPagedOfType(type.Id, 0, 100, out _, null).ToList();
        Assert.True(associations.Count >= 12);
        foreach (var association in associations)
        {
            var segment = association.GetValue<string>("umbracoUrlName")!;
            var group = await groups.GetAsync(EditorGroups.AliasFor(segment));
            Assert.True(group is not null, $"no group for {segment}");
            Assert.Equal(association.Name, group.Name);
            Assert.Equal(Media.GetById(EditorGroups.MediaFolderKey(association.Key))!.Id, group.StartMediaId);
            Assert.DoesNotContain(Umbraco.Cms.Core.Actions.ActionPublish.ActionLetter, group.Permissions);
        }

        // A second run changes nothing.
        var before = (await groups.GetAsync(EditorGroups.AliasFor("ishikai")))!.UpdateDate;
        Services.GetRequiredService<EditorGroups>().Sync();
        Assert.Equal(before, (await groups.GetAsync(EditorGroups.AliasFor("ishikai")))!.UpdateDate);
    }

    private IContent CreateColumn(Guid association, bool publish)
    {
        var column = Content.Create("テスト用のコラム", ColumnList, "column");
        column.SetValue("issueDate", new DateTime(2000, 1, 1));
        column.SetValue("theme", "テスト用のテーマ");
        column.SetValue("association", Udi.Create(Constants.UdiEntityType.Document, association).ToString());
        column.SetValue("body", "テスト用の本文です。");
        column.SetValue("umbracoUrlName", "test-" + column.Key.ToString("N")[..12]);
        if (publish)
        {
            var published = Content.SaveAndPublish(column, []);
            Assert.True(published.Success, $"column not published: {published.Result}");
        }
        else
        {
            var saved = Content.Save(column);
            Assert.True(saved.Success, $"column not saved: {saved.Result}");
        }
        return column;
    }

    private int ColumnListId() => Content.GetById(ColumnList)!.Id;

    private static object UpdateBody(IContent content, string? theme, Guid? association = null)
    {
        var values = new List<object>();
        if (theme is not null)
        {
            values.Add(new { alias = "issueDate", culture = (string?)null, segment = (string?)null, value = "2000-01-01 00:00:00" });
            values.Add(new { alias = "theme", culture = (string?)null, segment = (string?)null, value = theme });
            values.Add(new { alias = "body", culture = (string?)null, segment = (string?)null, value = content.GetValue<string>("body") });
            values.Add(new { alias = "association", culture = (string?)null, segment = (string?)null,
                value = (association ?? EditorGroups.AssociationOf(content))!.Value.ToString() });
        }
        return new
        {
            template = (object?)null,
            values,
            variants = new[] { new { name = content.Name, culture = (string?)null, segment = (string?)null } },
        };
    }

    private static object CreateBody(Guid key, Guid association, Guid? parent = null) => new
    {
        id = key,
        parent = new { id = parent ?? ColumnList },
        documentType = new { id = ColumnTypeKey },
        template = (object?)null,
        values = new object[]
        {
            new { alias = "issueDate", culture = (string?)null, segment = (string?)null, value = "2000-01-02 00:00:00" },
            new { alias = "theme", culture = (string?)null, segment = (string?)null, value = "新しいコラム" },
            new { alias = "association", culture = (string?)null, segment = (string?)null, value = association.ToString() },
            new { alias = "body", culture = (string?)null, segment = (string?)null, value = "本文" },
        },
        variants = new[] { new { name = "新しいコラム", culture = (string?)null, segment = (string?)null } },
    };

    private object FolderBody(Guid key, Guid parent, string name) => new
    {
        id = key,
        parent = new { id = parent },
        mediaType = new { id = Services.GetRequiredService<IMediaTypeService>().Get(Constants.Conventions.MediaTypes.Folder)!.Key },
        values = Array.Empty<object>(),
        variants = new[] { new { name, culture = (string?)null, segment = (string?)null } },
    };

    private static async Task<List<Guid>> TreeKeysAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ItemsAsync(response)).Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
