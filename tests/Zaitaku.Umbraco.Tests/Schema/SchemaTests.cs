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
}
