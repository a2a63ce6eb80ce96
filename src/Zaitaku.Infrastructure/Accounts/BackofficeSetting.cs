namespace Zaitaku.Infrastructure.Accounts;

/// <summary>A setting the administrators change in the backoffice (not in configuration files).</summary>
public class BackofficeSetting
{
    public const string RequireTwoFactor = "RequireTwoFactor";

    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
