using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.Serialization;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;

namespace Zaitaku.Web.Schema;

/// <summary>
/// Applies <see cref="USyncFiles"/> to Umbraco through its async services: templates, data types, then document and
/// media types, each created or updated by its key (create or update, so running it twice changes nothing).
/// What a file no longer lists is removed from its type, as uSync does; types themselves are never deleted here.
/// </summary>
public sealed class SchemaImport(
    IDataTypeService dataTypeService,
    PropertyEditorCollection propertyEditors,
    IConfigurationEditorJsonSerializer configurationSerializer,
    IContentTypeService contentTypeService,
    IMediaTypeService mediaTypeService,
    ITemplateService templateService,
    ILanguageService languageService,
    IShortStringHelper shortStringHelper,
    ILogger<SchemaImport> logger)
{
    private static readonly Guid User = Constants.Security.SuperUserKey;

    public async Task ApplyAsync(USyncFiles files)
    {
        await ApplyLanguagesAsync(files.Languages);
        foreach (var template in files.Templates) await ApplyTemplateAsync(template);
        var dataTypes = new Dictionary<Guid, IDataType>();
        foreach (var dataType in files.DataTypes) dataTypes[dataType.Key] = await ApplyDataTypeAsync(dataType);

        await ApplyTypesAsync(files.MediaTypes, dataTypes, mediaTypeService, () => new MediaType(shortStringHelper, -1));
        await ApplyTypesAsync(files.ContentTypes, dataTypes, contentTypeService, () => new ContentType(shortStringHelper, -1));
        logger.LogInformation("uSync: {DataTypes} data types, {Templates} templates, {DocumentTypes} document types and {MediaTypes} media types applied",
            files.DataTypes.Count, files.Templates.Count, files.ContentTypes.Count, files.MediaTypes.Count);
    }

    /// <summary>
    /// The languages in the files, the default one first; a language Umbraco has that the files do not list (a fresh
    /// Umbraco's en-US) is removed. The site's content is invariant, so no content is in any language of its own: the
    /// default language only decides which culture Umbraco's URLs and the Delivery API speak, and it must be in place
    /// before the first content is published.
    /// </summary>
    private async Task ApplyLanguagesAsync(IReadOnlyList<USyncLanguage> languages)
    {
        if (languages.Count == 0) return;
        foreach (var source in languages.OrderByDescending(l => l.IsDefault))
        {
            var language = await languageService.GetAsync(source.IsoCode);
            var isNew = language is null;
            language ??= new Language(source.IsoCode, source.Name);
            language.CultureName = source.Name;
            language.IsDefault = source.IsDefault;
            language.IsMandatory = source.IsMandatory;
            var saved = isNew ? await languageService.CreateAsync(language, User) : await languageService.UpdateAsync(language, User);
            if (!saved.Success) throw new USyncException($"{source.File}: 言語「{source.IsoCode}」を保存できません（{saved.Status}）");
        }
        var listed = languages.Select(l => l.IsoCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var other in (await languageService.GetAllAsync()).Where(l => !listed.Contains(l.IsoCode)).ToList())
        {
            var deleted = await languageService.DeleteAsync(other.IsoCode, User);
            if (!deleted.Success) throw new USyncException($"言語「{other.IsoCode}」を削除できません（{deleted.Status}）");
        }
    }

    private async Task ApplyTemplateAsync(USyncTemplate source)
    {
        var existing = await templateService.GetAsync(source.Key) ?? await templateService.GetAsync(source.Alias);
        if (existing is null)
        {
            // The view itself is Views/{Alias}.cshtml, compiled into the site. Outside Production mode Umbraco writes the
            // view file back as it read it (with a byte order mark, trimmed), or a default one where there is none: our
            // template views are kept in exactly that form, so a developer's first start changes nothing.
            var created = await templateService.CreateAsync(source.Name, source.Alias, content: null, User, source.Key);
            if (!created.Success) throw new USyncException($"{source.File}: テンプレート「{source.Alias}」を作れません（{created.Status}）");
            return;
        }
        if (existing.Name == source.Name) return;
        existing.Name = source.Name;
        var updated = await templateService.UpdateAsync(existing, User);
        if (!updated.Success) throw new USyncException($"{source.File}: テンプレート「{source.Alias}」を更新できません（{updated.Status}）");
    }

    private async Task<IDataType> ApplyDataTypeAsync(USyncDataType source)
    {
        if (!propertyEditors.TryGet(source.EditorAlias, out var editor))
            throw new USyncException($"{source.File}: データタイプ「{source.Alias}」のエディター「{source.EditorAlias}」はこのサイトにありません");
        var configuration = source.ConfigJson is { } json
            ? configurationSerializer.Deserialize<Dictionary<string, object>>(json) ?? []
            : [];
        var data = editor.GetConfigurationEditor().FromConfigurationEditor(configuration);

        var existing = await dataTypeService.GetAsync(source.Key);
        var dataType = existing ?? new DataType(editor, configurationSerializer) { Key = source.Key };
        dataType.Name = source.Name;
        dataType.Editor = editor;
        dataType.EditorUiAlias = source.EditorUiAlias;
        dataType.ConfigurationData = data;
        dataType.DatabaseType = ValueTypes.ToStorageType(editor.GetValueEditor(editor.GetConfigurationEditor().ToConfigurationObject(data, configurationSerializer)).ValueType);
        var result = existing is null
            ? await dataTypeService.CreateAsync(dataType, User)
            : await dataTypeService.UpdateAsync(dataType, User);
        return result.Success ? result.Result
            : throw new USyncException($"{source.File}: データタイプ「{source.Alias}」を保存できません（{result.Status}）");
    }

    private async Task ApplyTypesAsync<T>(IReadOnlyList<USyncContentType> sources, IReadOnlyDictionary<Guid, IDataType> dataTypes,
        IContentTypeBaseService<T> service, Func<T> create) where T : class, IContentTypeComposition
    {
        // First every type with its properties, then what may sit under what: a type can only name types that exist.
        var applied = new List<(USyncContentType Source, T Type)>();
        foreach (var source in sources)
        {
            var existing = await service.GetAsync(source.Key);
            var type = existing ?? create();
            if (existing is null) type.Key = source.Key;
            await MapAsync(type, source, dataTypes);
            await SaveAsync(service, type, source, isNew: existing is null);
            applied.Add((source, type));
        }
        foreach (var (source, _) in applied)
        {
            var type = await service.GetAsync(source.Key) ?? throw new USyncException($"{source.File}: 「{source.Alias}」が保存されていません");
            var allowed = new List<ContentTypeSort>();
            foreach (var (key, alias) in source.AllowedChildren)
            {
                var child = key is { } k ? await service.GetAsync(k) : service.Get(alias);
                if (child is null) throw new USyncException($"{source.File}: Structure の「{alias}」が見つかりません");
                allowed.Add(new ContentTypeSort(child.Key, allowed.Count, child.Alias));
            }
            if (SameChildren(type.AllowedContentTypes, allowed)) continue;
            type.AllowedContentTypes = allowed;
            await SaveAsync(service, type, source, isNew: false);
        }
    }

    private static bool SameChildren(IEnumerable<ContentTypeSort>? current, List<ContentTypeSort> wanted) =>
        (current ?? []).Select(c => c.Key).SequenceEqual(wanted.Select(w => w.Key));

    private static async Task SaveAsync<T>(IContentTypeBaseService<T> service, T type, USyncContentType source, bool isNew) where T : IContentTypeComposition
    {
        var result = isNew ? await service.CreateAsync(type, User) : await service.UpdateAsync(type, User);
        if (!result.Success) throw new USyncException($"{source.File}: 「{source.Alias}」を保存できません（{result.Result}）");
    }

    private async Task MapAsync(IContentTypeComposition type, USyncContentType source, IReadOnlyDictionary<Guid, IDataType> dataTypes)
    {
        type.Alias = source.Alias;
        type.Name = source.Name;
        type.Icon = source.Icon;
        type.Description = source.Description;
        type.AllowedAsRoot = source.AllowAtRoot;
        type.IsElement = source.IsElement;
        type.Variations = ContentVariation.Nothing;

        foreach (var tab in source.Tabs)
        {
            var group = type.PropertyGroups.FirstOrDefault(g => string.Equals(g.Alias, tab.Alias, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                type.AddPropertyGroup(tab.Alias, tab.Caption);
                group = type.PropertyGroups.First(g => g.Alias == tab.Alias);
                if (tab.Key != Guid.Empty) group.Key = tab.Key;
            }
            group.Name = tab.Caption;
            group.SortOrder = tab.SortOrder;
            group.Type = string.Equals(tab.Type, "Tab", StringComparison.OrdinalIgnoreCase) ? PropertyGroupType.Tab : PropertyGroupType.Group;
        }

        foreach (var property in source.Properties)
        {
            var dataType = dataTypes.GetValueOrDefault(property.DataTypeKey) ?? await dataTypeService.GetAsync(property.DataTypeKey)
                ?? throw new USyncException($"{source.File}: プロパティ「{property.Alias}」の Definition {property.DataTypeKey} に当たるデータタイプがありません");
            var groupAlias = property.TabAlias ?? source.Tabs.FirstOrDefault()?.Alias
                ?? throw new USyncException($"{source.File}: プロパティ「{property.Alias}」を置くタブがありません");
            var propertyType = type.PropertyTypes.FirstOrDefault(p => p.Key == property.Key)
                ?? type.PropertyTypes.FirstOrDefault(p => string.Equals(p.Alias, property.Alias, StringComparison.OrdinalIgnoreCase));
            if (propertyType is null)
            {
                propertyType = new PropertyType(shortStringHelper, dataType, property.Alias) { Key = property.Key };
                Map(propertyType, property, dataType);
                type.AddPropertyType(propertyType, groupAlias);
            }
            else
            {
                Map(propertyType, property, dataType);
                type.MovePropertyType(propertyType.Alias, groupAlias);
            }
        }

        var listed = source.Properties.Select(p => p.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var gone in type.PropertyTypes.Where(p => !listed.Contains(p.Alias)).Select(p => p.Alias).ToList())
            type.RemovePropertyType(gone);
        var tabs = source.Tabs.Select(t => t.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var gone in type.PropertyGroups.Where(g => !tabs.Contains(g.Alias)).Select(g => g.Alias).ToList())
            type.RemovePropertyGroup(gone);

        if (type is IContentType document)
        {
            var allowed = new List<ITemplate>();
            foreach (var (key, alias) in source.AllowedTemplates)
                allowed.Add(await templateService.GetAsync(key) ?? await templateService.GetAsync(alias)
                    ?? throw new USyncException($"{source.File}: テンプレート「{alias}」がありません"));
            document.AllowedTemplates = allowed;
            document.SetDefaultTemplate(source.DefaultTemplate is { } name
                ? allowed.FirstOrDefault(t => string.Equals(t.Alias, name, StringComparison.OrdinalIgnoreCase))
                  ?? await templateService.GetAsync(name)
                : null);
        }
    }

    private static void Map(IPropertyType target, USyncProperty source, IDataType dataType)
    {
        target.Name = source.Name;
        target.Description = source.Description;
        target.Mandatory = source.Mandatory;
        target.MandatoryMessage = source.MandatoryMessage;
        target.ValidationRegExp = source.ValidationRegex;
        target.ValidationRegExpMessage = source.ValidationRegexMessage;
        target.SortOrder = source.SortOrder;
        target.LabelOnTop = source.LabelOnTop;
        target.DataTypeId = dataType.Id;
        target.DataTypeKey = dataType.Key;
        target.PropertyEditorAlias = dataType.EditorAlias;
        target.Variations = ContentVariation.Nothing;
    }
}
