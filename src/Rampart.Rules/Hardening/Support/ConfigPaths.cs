namespace Rampart.Rules.Hardening.Support;

/// <summary>
/// Location paths for findings about the image config rather than a file: they name the config field or history
/// entry (RULES.md documents them). Paths of files in the image always start with '/'.
/// </summary>
internal static class ConfigPaths
{
    public const string User = "config.User";
    public const string Env = "config.Env";
    public const string Labels = "config.Labels";
    public const string Healthcheck = "config.Healthcheck";
    public const string ExposedPorts = "config.ExposedPorts";
    public const string Reference = "reference";

    public static string History(int index) => $"history[{index}]";
}
