namespace Zaitaku.Web.Backoffice;

/// <summary>The "Zaitaku:Backoffice" configuration section.</summary>
public sealed class BackofficeOptions
{
    /// <summary>Cookies are sent only over HTTPS. Turn off only for a site reached over plain HTTP on a developer's machine.</summary>
    public bool RequireHttps { get; set; } = true;
    /// <summary>A session with no request for this long ends (idle timeout).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>A session ends this long after sign-in, however busy (absolute timeout).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);
    /// <summary>Sign-in failures from one client address, within the lockout period, before each further try must wait longer (1, 2, 4 ... seconds).</summary>
    public int SignInFreeFailures { get; set; } = 3;
    /// <summary>Sign-in failures from one client address within the lockout period after which it may not try again until the oldest is that old.</summary>
    public int SignInFailuresPerAddress { get; set; } = 10;
    /// <summary>For automated installs: creates the first administrator at start when no user exists.</summary>
    public UnattendedInstall? Unattended { get; set; }

    public sealed class UnattendedInstall
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? DisplayName { get; set; }
    }
}
