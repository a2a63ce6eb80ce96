using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Actions;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Models.Membership.Permissions;
using Umbraco.Cms.Core.Scoping;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;
using Zaitaku.Web.Seed;

namespace Zaitaku.Web.Editors;

/// <summary>
/// Who may touch what, stated once in Umbraco's own terms: user groups, their start nodes, default permissions and
/// granular (per-document) permissions. Umbraco's <c>admin</c> (管理者) keeps everything; <c>jimukyoku</c> (事務局) reviews
/// and publishes all content and media; each association has a group <c>association-&lt;segment&gt;</c> (in Umbraco's alias form: <c>associationIshikai</c>) that may read,
/// create and save, never publish, unpublish, move, delete or change permissions.
/// <para>
/// Columns stay where the public URLs put them (/columns/&lt;date&gt;/) and belong to an association by their
/// <c>association</c> property. An association group therefore starts at the home page and sees only what its granular
/// permissions let it read: the home page, the association list and the column list (read; the column list also
/// create), its own association page and its own columns (read and save), and nothing else — every other page under
/// the home page, every other association's page and column have an explicit empty permission set (Umbraco's "no
/// permissions"), so Umbraco's tree hides them and every Management API endpoint refuses them. <see cref="Sync"/>
/// computes that from the content and is run at start and after every save that may change it
/// (<see cref="AssociationScope"/>), so the tree and the property cannot drift apart.
/// </para>
/// </summary>
public sealed class EditorGroups(
    IUserGroupService userGroups,
    IContentService contentService,
    IContentTypeService contentTypes,
    IMediaService mediaService,
    IShortStringHelper shortStrings,
    ICoreScopeProvider scopeProvider,
    ILogger<EditorGroups> logger)
{
    public const string SecretariatAlias = "jimukyoku";
    public const string SecretariatName = "事務局";
    public const string AdminName = "管理者";
    public const string AssociationPrefix = "association";

    public const string HomeType = "home";
    public const string AssociationListType = "associationList";
    public const string AssociationType = "association";
    public const string ColumnListType = "columnList";
    public const string ColumnType = "column";
    public const string AssociationProperty = "association";

    /// <summary>What an association editor may do with her own association page and her own columns.</summary>
    public static readonly IReadOnlySet<string> Writer = new HashSet<string>
    {
        ActionBrowse.ActionLetter, ActionUpdate.ActionLetter,
        ActionDocumentPropertyRead.ActionLetter, ActionDocumentPropertyWrite.ActionLetter,
    };

    /// <summary>Default permissions of an association group (where no granular set says otherwise): like Umbraco's writers.</summary>
    public static readonly IReadOnlySet<string> AssociationDefaults = new HashSet<string>(Writer) { ActionNew.ActionLetter };

    /// <summary>The home page and the association list: read only.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string> { ActionBrowse.ActionLetter };

    /// <summary>The column list: read, and create columns under it.</summary>
    public static readonly IReadOnlySet<string> CreateUnder = new HashSet<string> { ActionBrowse.ActionLetter, ActionNew.ActionLetter };

    /// <summary>Umbraco's own "no permissions on this document" (what the backoffice stores for no verbs ticked).</summary>
    public static readonly IReadOnlySet<string> Nothing = new HashSet<string> { string.Empty };

    /// <summary>The secretariat: everything an editor does with content, except changing permissions.</summary>
    public static readonly IReadOnlySet<string> Reviewer = new HashSet<string>
    {
        ActionBrowse.ActionLetter, ActionNew.ActionLetter, ActionUpdate.ActionLetter, ActionDelete.ActionLetter,
        ActionMove.ActionLetter, ActionCopy.ActionLetter, ActionSort.ActionLetter, ActionRollback.ActionLetter,
        ActionProtect.ActionLetter, ActionAssignDomain.ActionLetter, ActionPublish.ActionLetter, ActionUnpublish.ActionLetter,
        ActionCreateBlueprintFromContent.ActionLetter, ActionNotify.ActionLetter,
        ActionDocumentPropertyRead.ActionLetter, ActionDocumentPropertyWrite.ActionLetter,
    };

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// The group alias of an association, from its URL segment: association-ishikai in Umbraco's alias form (Umbraco's
    /// <c>UserGroup.Alias</c> makes every alias camel case, as the backoffice does): associationIshikai.
    /// </summary>
    public static string AliasFor(string segment) =>
        AssociationPrefix + string.Concat(segment.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>Set once the groups were brought in line at start: saves before that (the seed's) wait for that run.</summary>
    public bool Ready { get; private set; }

    /// <summary>The first run, at start, after the seed.</summary>
    public void Start()
    {
        Sync();
        Ready = true;
    }

    /// <summary>The key of an association's media folder (the same on every install).</summary>
    public static Guid MediaFolderKey(Guid associationKey) => ContentSeed.KeyFor("association-media:" + associationKey.ToString("N"));

    /// <summary>
    /// Makes the groups that are missing, brings every group's permissions in line with the content, and makes each
    /// association's media folder if it is missing. Idempotent: a second run changes nothing.
    /// </summary>
    public void Sync()
    {
        Gate.Wait();
        try
        {
            // One transaction that takes its write lock first: Umbraco's user group service reads before it writes, and
            // on SQLite a write committed in between by anything else (a background job, another request) would leave
            // it on a stale snapshot that can never write ("database is locked", retried for minutes).
            using var scope = scopeProvider.CreateCoreScope();
            scope.WriteLock(Constants.Locks.ContentTree, Constants.Locks.MediaTree);
            SyncLocked();
            scope.Complete();
        }
        finally { Gate.Release(); }
    }

    // Synchronous on purpose: Umbraco's scope is ambient to the thread's flow, and this runs from notification handlers
    // (synchronous ones); the user group service's methods are asynchronous in name and finish synchronously here.
    private void SyncLocked()
    {
        var performer = Constants.Security.SuperUserKey;
        if (userGroups.GetAsync(Constants.Security.AdminGroupAlias).GetAwaiter().GetResult() is { } admin && admin.Name != AdminName)
        {
            // Only the display name: Umbraco knows its administrators by the alias "admin" and the group's key.
            admin.Name = AdminName;
            Check(userGroups.UpdateAsync(admin, performer).GetAwaiter().GetResult(), admin.Alias);
        }

        var secretariat = userGroups.GetAsync(SecretariatAlias).GetAwaiter().GetResult();
        var isNew = secretariat is null;
        secretariat ??= new UserGroup(shortStrings) { Alias = SecretariatAlias, Name = SecretariatName, Icon = "icon-checkbox" };
        var changed = isNew;
        // The secretariat reads and exports the forms' entries (the フォーム section).
        changed |= Set(secretariat, SecretariatName, Constants.System.Root, Constants.System.Root, Reviewer, new Dictionary<Guid, IReadOnlySet<string>>(),
            [Constants.Applications.Content, Constants.Applications.Media, Forms.Backoffice.FormsSection.Alias]);
        if (changed) Check(isNew ? userGroups.CreateAsync(secretariat, performer).GetAwaiter().GetResult() : userGroups.UpdateAsync(secretariat, performer).GetAwaiter().GetResult(), SecretariatAlias);

        var home = contentService.GetRootContent().FirstOrDefault(c => c.ContentType.Alias == HomeType);
        if (home is null) return;
        var associations = OfType(AssociationType).Where(a => !a.Trashed).ToList();
        var columns = OfType(ColumnType).Where(c => !c.Trashed).ToList();
        var homeChildren = Children(home.Id);
        foreach (var association in associations)
        {
            var segment = Segment(association);
            var alias = AliasFor(segment);
            var folder = EnsureMediaFolder(association);
            var granular = new Dictionary<Guid, IReadOnlySet<string>> { [home.Key] = ReadOnly };
            foreach (var child in homeChildren)
                granular[child.Key] = child.ContentType.Alias switch
                {
                    AssociationListType => ReadOnly,
                    ColumnListType => CreateUnder,
                    _ => Nothing,
                };
            foreach (var other in associations) granular[other.Key] = other.Key == association.Key ? Writer : Nothing;
            foreach (var column in columns) granular[column.Key] = AssociationOf(column) == association.Key ? Writer : Nothing;

            var group = userGroups.GetAsync(alias).GetAwaiter().GetResult();
            var create = group is null;
            group ??= new UserGroup(shortStrings) { Alias = alias, Name = association.Name, Icon = "icon-users" };
            if (group.Alias != alias) throw new InvalidOperationException($"Umbraco はグループの別名「{alias}」を「{group.Alias}」にします");
            var dirty = create | Set(group, association.Name ?? segment, home.Id, folder.Id, AssociationDefaults, granular,
                [Constants.Applications.Content, Constants.Applications.Media]);
            if (!dirty) continue;
            Check(create ? userGroups.CreateAsync(group, performer).GetAwaiter().GetResult() : userGroups.UpdateAsync(group, performer).GetAwaiter().GetResult(), alias);
            logger.LogInformation("User group {Alias} {Action}", alias, create ? "created" : "brought in line with the content");
        }
    }

    /// <summary>The association a column names in its 執筆団体 property (stored as a document UDI; the editor sends a key).</summary>
    public static Guid? AssociationOf(IContent column) => ParseDocument(column.GetValue(AssociationProperty));

    public static Guid? ParseDocument(object? value) => value?.ToString() is { Length: > 0 } text
        ? UdiParser.TryParse(text, out GuidUdi? udi) ? udi.Guid : Guid.TryParse(text, out var key) ? key : null
        : null;

    /// <summary>An association's URL segment (umbracoUrlName, as the seed sets it; else made from its name).</summary>
    public string Segment(IContent association) =>
        association.GetValue<string>(ContentSeed.UrlNameAlias) is { Length: > 0 } urlName ? urlName : (association.Name ?? "").ToUrlSegment(shortStrings);

    /// <summary>Administrators and the secretariat: they reach every association's content, media and forms.</summary>
    public static bool IsSecretariat(IUser user) =>
        user.Groups.Any(g => g.Alias is Constants.Security.AdminGroupAlias or SecretariatAlias);

    /// <summary>
    /// The associations a user writes for (by her association groups): the one access rule for what is not a node or a
    /// media item (forms, column slots, reviews). Empty for the secretariat and for users of no association.
    /// </summary>
    public IReadOnlySet<Guid> AssociationsOf(IUser user) =>
        user.Groups.Select(g => AssociationOfGroup(g.Alias)).OfType<IContent>().Select(a => a.Key).ToHashSet();

    /// <summary>The association of a group alias, from the content (null for groups that are not an association's).</summary>
    public IContent? AssociationOfGroup(string alias) =>
        alias.StartsWith(AssociationPrefix, StringComparison.Ordinal)
            ? OfType(AssociationType).FirstOrDefault(a => !a.Trashed && AliasFor(Segment(a)) == alias)
            : null;

    private IReadOnlyList<IContent> OfType(string alias)
    {
        if (contentTypes.Get(alias) is not { } type) return [];
        var all = new List<IContent>();
        long total;
        var page = 0;
        do all.AddRange(contentService.GetPagedOfType(type.Id, page++, 500, out total, null));
        while (all.Count < total);
        return all;
    }

    private IReadOnlyList<IContent> Children(int id)
    {
        var all = new List<IContent>();
        long total;
        var page = 0;
        do all.AddRange(contentService.GetPagedChildren(id, page++, 500, out total));
        while (all.Count < total);
        return all;
    }

    private IMedia EnsureMediaFolder(IContent association)
    {
        var key = MediaFolderKey(association.Key);
        if (mediaService.GetById(key) is { } existing) return existing;
        // At the media library's root, beside 共有 (files every association may pick): a folder under 共有 would be
        // reachable by anyone who may open 共有.
        var folder = mediaService.CreateMedia(association.Name ?? Segment(association), Constants.System.Root, Constants.Conventions.MediaTypes.Folder);
        folder.Key = key;
        var saved = mediaService.Save(folder);
        if (!saved.Success) throw new InvalidOperationException($"関係団体「{association.Name}」のメディアフォルダーを作れませんでした：{saved.Result}");
        return folder;
    }

    /// <summary>Sets what a group should be; true when something changed.</summary>
    private static bool Set(IUserGroup group, string name, int startContent, int startMedia, IReadOnlySet<string> defaults,
        IReadOnlyDictionary<Guid, IReadOnlySet<string>> granular, string[] sections)
    {
        var changed = false;
        if (group.Name != name) { group.Name = name; changed = true; }
        if (group.StartContentId != startContent) { group.StartContentId = startContent; changed = true; }
        if (group.StartMediaId != startMedia) { group.StartMediaId = startMedia; changed = true; }
        if (!group.HasAccessToAllLanguages) { group.HasAccessToAllLanguages = true; changed = true; }
        if (!group.Permissions.SetEquals(defaults)) { group.Permissions = new HashSet<string>(defaults); changed = true; }
        var wanted = granular.SelectMany(g => g.Value.Select(p => (g.Key, p))).ToHashSet();
        var current = group.GranularPermissions.OfType<DocumentGranularPermission>().Select(p => (p.Key, p.Permission)).ToHashSet();
        if (!wanted.SetEquals(current) || group.GranularPermissions.Count != current.Count)
        {
            group.GranularPermissions = wanted
                .Select(w => (IGranularPermission)new DocumentGranularPermission { Key = w.Key, Permission = w.p })
                .ToHashSet();
            changed = true;
        }
        foreach (var section in sections.Where(s => !group.AllowedSections.Contains(s)))
        {
            group.AddAllowedSection(section);
            changed = true;
        }
        return changed;
    }

    private static void Check(Attempt<IUserGroup, Umbraco.Cms.Core.Services.OperationStatus.UserGroupOperationStatus> attempt, string alias)
    {
        if (!attempt.Success) throw new InvalidOperationException($"ユーザーグループ「{alias}」を保存できませんでした：{attempt.Status}");
    }
}
