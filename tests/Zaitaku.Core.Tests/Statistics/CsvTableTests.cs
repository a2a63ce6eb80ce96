using Zaitaku.Core.Statistics;

namespace Zaitaku.Core.Tests.Statistics;

public class CsvTableTests
{
    private const string Participation = """
        fiscal_year,fiscal_year_label,body,meetings,organizations,participants
        2023,R5,推進会議,2,11,53
        2023,R5,部会B,1,11,23
        2024,R6,推進会議,1,11,23
        2024,R6,部会C,1,10,42
        2019,R1,部会A,,10,25
        """;

    [Fact]
    public void Parse_reads_the_header_and_rows()
    {
        var table = CsvTable.Parse(Participation);

        Assert.Equal(["fiscal_year", "fiscal_year_label", "body", "meetings", "organizations", "participants"], table.Header);
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(["2024", "R6", "部会C", "1", "10", "42"], table.Rows[3]);
    }

    [Fact]
    public void Participation_is_grouped_by_fiscal_year_newest_first()
    {
        var years = ParticipationYear.From(CsvTable.Parse(Participation));

        Assert.NotNull(years);
        Assert.Equal([2024, 2023, 2019], years.Select(y => y.FiscalYear));
        Assert.Equal(["R6", "R5", "R1"], years.Select(y => y.Label));
        Assert.Equal(
            [new ParticipationRow("推進会議", 1, 11, 23), new ParticipationRow("部会C", 1, 10, 42)],
            years[0].Rows);
        Assert.Equal(
            [new ParticipationRow("推進会議", 2, 11, 53), new ParticipationRow("部会B", 1, 11, 23)],
            years[1].Rows);
    }

    [Fact]
    public void A_blank_cell_stays_blank_rather_than_zero()
    {
        var years = ParticipationYear.From(CsvTable.Parse(Participation))!;

        Assert.Equal(new ParticipationRow("部会A", null, 10, 25), Assert.Single(years[2].Rows));
    }

    [Fact]
    public void A_csv_with_other_columns_is_not_read_as_participation()
    {
        var table = CsvTable.Parse("年度,会議,参加者数\nR6,推進会議,23\n");

        Assert.Null(ParticipationYear.From(table));
    }

    [Fact]
    public void A_row_whose_year_is_not_a_number_is_not_read_as_participation()
    {
        var table = CsvTable.Parse("fiscal_year,fiscal_year_label,body,meetings,organizations,participants\n令和6,R6,推進会議,1,11,23\n");

        Assert.Null(ParticipationYear.From(table));
    }
}
