using Zaitaku.Core.ContentTypes;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.USync;

namespace Zaitaku.Infrastructure.Tests.USync;

public class USyncLoaderTests
{
    [Fact]
    public void The_repository_schema_loads_with_all_twenty_two_document_types()
    {
        var schema = USyncLoader.Load(Repository.USyncFolder);

        Assert.Equal(22, schema.DocumentTypes.Count);
        var column = schema.GetDocumentType("column");
        var issueDate = Assert.IsType<PropertyType>(column.GetProperty("issueDate"));
        Assert.True(issueDate.Mandatory);
        Assert.Equal(PropertyEditors.DateTime, issueDate.EditorAlias);
        Assert.Contains("column", schema.GetDocumentType("columnList").AllowedChildTypes);
        Assert.True(schema.GetDocumentType("home").AllowAtRoot);
        // 担当地域: the 町名 each 地域包括支援センター covers, kept under its 相談窓口.
        Assert.Contains("serviceArea", schema.GetDocumentType("consultationWindow").AllowedChildTypes);
        // The オープンデータ page sits under the home page.
        Assert.Contains("openDataPage", schema.GetDocumentType("home").AllowedChildTypes);
    }

    [Fact]
    public void An_unaltered_copy_loads()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFrom(Repository.USyncFolder, "v17");

        Assert.Equal(22, USyncLoader.Load(copy).DocumentTypes.Count);
    }

    [Fact]
    public void Malformed_xml_names_the_file_and_the_line()
    {
        var e = LoadWithChange("ContentTypes/column.config", "<Name>コラム</Name>", "<Name>コラム</Nam>");

        Assert.Contains("column.config", e.Message);
        Assert.Contains("4行目", e.Message);
    }

    [Fact]
    public void An_unknown_property_editor_is_refused()
    {
        var e = LoadWithChange("ContentTypes/column.config", "<Type>Umbraco.TextBox</Type>", "<Type>Umbraco.RichText</Type>");

        Assert.Contains("column.config", e.Message);
        Assert.Contains("Umbraco.RichText", e.Message);
        Assert.Contains("theme", e.Message);
    }

    [Fact]
    public void A_definition_that_points_to_no_data_type_is_refused()
    {
        var e = LoadWithChange("ContentTypes/column.config",
            "<Definition>495a4ff1-ea96-558f-934e-744d8af0062f</Definition>",
            "<Definition>00000000-0000-0000-0000-0000000000aa</Definition>");

        Assert.Contains("column.config", e.Message);
        Assert.Contains("theme", e.Message);
        Assert.Contains("00000000-0000-0000-0000-0000000000aa", e.Message);
        Assert.Contains("データタイプがありません", e.Message);
    }

    [Fact]
    public void A_type_that_differs_from_the_data_type_editor_is_refused()
    {
        // theme uses the Textstring data type (Umbraco.TextBox); saying TextArea must not slip through.
        var e = LoadWithChange("ContentTypes/column.config", "<Type>Umbraco.TextBox</Type>", "<Type>Umbraco.TextArea</Type>");

        Assert.Contains("column.config", e.Message);
        Assert.Contains("theme", e.Message);
        Assert.Contains("Umbraco.TextArea", e.Message);
        Assert.Contains("Umbraco.TextBox", e.Message);
    }

    [Fact]
    public void An_invalid_validation_regex_is_refused()
    {
        var e = LoadWithChange("ContentTypes/contactpoint.config", @"<Validation>^[^@\s]+@[^@\s]+$</Validation>",
            "<Validation>[unclosed</Validation>");

        Assert.Contains("contactpoint.config", e.Message);
        Assert.Contains("email", e.Message);
        Assert.Contains("Validation", e.Message);
        Assert.Contains("行目", e.Message);
    }

    [Fact]
    public void A_duplicate_document_type_alias_is_refused()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFrom(Repository.USyncFolder, "v17");
        File.Copy(Path.Combine(copy, "ContentTypes", "column.config"), Path.Combine(copy, "ContentTypes", "column2.config"));

        var e = Assert.Throws<USyncException>(() => USyncLoader.Load(copy));

        Assert.Contains("column2.config", e.Message);
        Assert.Contains("「column」", e.Message);
        Assert.Contains("重複", e.Message);
    }

    [Fact]
    public void A_structure_child_that_does_not_exist_is_refused()
    {
        var e = LoadWithChange("ContentTypes/columnlist.config", ">column</ContentType>", ">colum</ContentType>");

        Assert.Contains("columnlist.config", e.Message);
        Assert.Contains("「colum」", e.Message);
    }

    [Fact]
    public void A_document_type_without_a_name_is_refused()
    {
        var e = LoadWithChange("ContentTypes/column.config", "<Name>コラム</Name>", "");

        Assert.Contains("column.config", e.Message);
        Assert.Contains("<Name>", e.Message);
        Assert.Contains("3行目", e.Message); // the <Info> element that lacks it
    }

    /// <summary>Copies the repository's uSync folder, changes one file, and returns what loading it throws.</summary>
    private static USyncException LoadWithChange(string file, string find, string replace)
    {
        using var temp = new TempFolder();
        var copy = temp.CopyFrom(Repository.USyncFolder, "v17");
        var path = Path.Combine(copy, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text); // the change must really be made
        var index = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, text[..index] + replace + text[(index + find.Length)..]);

        return Assert.Throws<USyncException>(() => USyncLoader.Load(copy));
    }
}
