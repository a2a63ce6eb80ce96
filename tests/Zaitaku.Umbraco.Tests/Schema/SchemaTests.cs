using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Schema;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Schema;

/// <summary>The uSync files as Umbraco holds them after the first start.</summary>
public sealed class SchemaTests(SharedSite site) : IClassFixture<SharedSite>
{
    [Fact]
    public async Task Every_document_type_in_uSync_is_in_Umbraco_with_its_properties_and_templates()
    {
        var files = site.Factory.Services.GetRequiredService<USyncFiles>();
        var contentTypes = site.Factory.Services.GetRequiredService<IContentTypeService>();
        foreach (var source in files.ContentTypes)
        {
            var type = await contentTypes.GetAsync(source.Key);
            Assert.NotNull(type);
            Assert.Equal(source.Alias, type.Alias);
            Assert.Equal(source.Name, type.Name);
            Assert.Equal(source.Properties.Select(p => p.Alias).Order(), type.PropertyTypes.Select(p => p.Alias).Order());
            Assert.Equal(source.AllowedChildren.Select(c => c.Alias).Order(), (type.AllowedContentTypes ?? []).Select(c => c.Alias).Order());
            Assert.Equal(source.DefaultTemplate, type.DefaultTemplate?.Alias);
        }
    }

    /// <summary>
    /// Outside Production mode Umbraco writes each template's view file back when it creates the template (on a fresh
    /// install), as it read it: with a byte order mark and without surrounding whitespace. Kept in that form, the views
    /// in the repository are unchanged by a developer's first start; every uSync template has its view.
    /// </summary>
    [Fact]
    public void Every_template_has_its_view_in_the_form_Umbraco_writes_it()
    {
        var views = Path.Combine(SiteProcess.SiteBuildFolder, "..", "..", "..", "Views");
        foreach (var template in site.Factory.Services.GetRequiredService<USyncFiles>().Templates)
        {
            var path = Path.Combine(views, template.Alias + ".cshtml");
            Assert.True(File.Exists(path), $"{template.Alias}.cshtml がありません");
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]), $"{template.Alias}.cshtml に BOM がありません");
            var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.Equal(text.Trim(), text);
        }
    }
}
