using Zaitaku.Core.Forms;

namespace Zaitaku.Core.Tests.Forms;

public sealed class FormSubmissionTests
{
    private static FormField Field(FormFieldType type, string label = "項目", bool mandatory = false, string? pattern = null, params string[] options) =>
        new() { Type = type, Label = label, Mandatory = mandatory, Pattern = pattern, Options = [.. options] };

    private static (List<EntryValue> Values, List<FieldError> Errors) Read(FormField field, params string[] typed) =>
        FormSubmission.Read([field], new Dictionary<Guid, IReadOnlyList<string>> { [field.Key] = typed });

    [Theory]
    [InlineData(FormFieldType.ShortText, "「お名前」を入力してください。")]
    [InlineData(FormFieldType.Dropdown, "「お名前」を選んでください。")]
    [InlineData(FormFieldType.DataConsent, "「お名前」に同意いただける場合はチェックを入れてください。同意がないと送信できません。")]
    public void A_missing_mandatory_answer_says_what_to_do(FormFieldType type, string message)
    {
        var (_, errors) = Read(Field(type, "お名前", mandatory: true, options: ["a", "b"]), "  ");
        Assert.Equal(message, Assert.Single(errors).Message);
    }

    [Fact]
    public void An_optional_field_left_empty_is_not_stored()
    {
        var (values, errors) = Read(Field(FormFieldType.Email), "");
        Assert.Empty(values);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(FormFieldType.Phone, "０７４３ー１２ー３４５６", "0743-12-3456")]
    [InlineData(FormFieldType.Phone, "090-1234-5678", "090-1234-5678")]
    [InlineData(FormFieldType.Email, "ＴＡＲＯ＠example.jp", "TARO@example.jp")]
    [InlineData(FormFieldType.Number, "１２", "12")]
    [InlineData(FormFieldType.Date, "2027/1/5", "2027-01-05")]
    [InlineData(FormFieldType.Date, "２０２７年１月５日", "2027-01-05")]
    public void Full_width_and_everyday_forms_are_accepted_and_stored_plainly(FormFieldType type, string typed, string stored)
    {
        var (values, errors) = Read(Field(type), typed);
        Assert.Empty(errors);
        Assert.Equal(stored, Assert.Single(values).Value);
    }

    [Theory]
    [InlineData(FormFieldType.Email, "taro@example")]
    [InlineData(FormFieldType.Email, "taro example.jp")]
    [InlineData(FormFieldType.Phone, "電話してください")]
    [InlineData(FormFieldType.Phone, "12")]
    [InlineData(FormFieldType.Number, "たくさん")]
    [InlineData(FormFieldType.Date, "2027-02-30")]
    [InlineData(FormFieldType.Date, "来週")]
    public void Answers_of_the_wrong_shape_are_refused(FormFieldType type, string typed)
    {
        var (values, errors) = Read(Field(type, "項目"), typed);
        Assert.Empty(values);
        Assert.StartsWith("「項目」は", Assert.Single(errors).Message);
    }

    [Fact]
    public void Choices_must_come_from_the_list_and_several_are_kept_in_list_order()
    {
        var multiple = Field(FormFieldType.MultipleChoice, "関心", false, null, "運動", "食事", "口の健康");
        Assert.Equal("運動、口の健康", Read(multiple, "口の健康", "運動").Values.Single().Value);
        Assert.Single(Read(multiple, "運動", "ゲーム").Errors);
        var single = Field(FormFieldType.SingleChoice, "評価", false, null, "はい", "いいえ");
        Assert.Single(Read(single, "はい", "いいえ").Errors);
        Assert.Single(Read(Field(FormFieldType.Dropdown, "種類", false, null, "A", "B"), "<script>").Errors);
    }

    [Fact]
    public void A_pattern_must_match_the_whole_answer_and_its_own_message_is_used()
    {
        var postal = Field(FormFieldType.ShortText, "郵便番号", pattern: "[0-9]{3}-?[0-9]{4}");
        postal.PatternMessage = "7けたで入力してください。";
        Assert.Equal("123-4567", Read(postal, "１２３－４５６７").Values.Single().Value);
        Assert.Equal("7けたで入力してください。", Read(postal, "123-45678").Errors.Single().Message);
        Assert.Equal("「郵便番号」の形式が正しくありません。", Read(Field(FormFieldType.ShortText, "郵便番号", pattern: "[0-9]+"), "abc").Errors.Single().Message);
    }

    [Fact]
    public void A_pattern_that_takes_too_long_refuses_the_answer_instead_of_hanging()
    {
        var (values, errors) = Read(Field(FormFieldType.ShortText, "項目", pattern: "(a+)+b"), new string('a', 60) + "c");
        Assert.Empty(values);
        Assert.Single(errors);
    }

    [Fact]
    public void A_broken_pattern_is_found_when_the_form_is_saved()
    {
        Assert.NotNull(FormSubmission.PatternProblem("[a-z"));
        Assert.Null(FormSubmission.PatternProblem("[a-z]+"));
    }

    [Fact]
    public void Long_answers_are_refused_with_their_length_and_control_characters_are_dropped()
    {
        var error = Read(Field(FormFieldType.ShortText, "お名前"), new string('あ', 201)).Errors.Single().Message;
        Assert.Equal("「お名前」は200文字までで入力してください（いま201文字です）。", error);
        Assert.Equal("ab\nc", Read(Field(FormFieldType.LongText), "a\u0000b\r\nc\u001b").Values.Single().Value);
        Assert.Equal("a b", Read(Field(FormFieldType.ShortText), "a\nb").Values.Single().Value);
    }

    [Fact]
    public void Answers_keep_the_label_they_were_given_under()
    {
        var field = Field(FormFieldType.ShortText, "お名前");
        var value = Read(field, "郡山 花子").Values.Single();
        Assert.Equal(new EntryValue(field.Key, "お名前", "郡山 花子"), value);
    }
}
