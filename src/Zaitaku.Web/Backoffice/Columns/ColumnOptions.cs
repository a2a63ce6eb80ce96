namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>The "Zaitaku:Columns" configuration section.</summary>
public sealed class ColumnOptions
{
    /// <summary>How many days before a slot's due date its association's editors are reminded.</summary>
    public int ReminderDaysBefore { get; set; } = 7;
}
