using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>The default user is root, in any spelling, or cannot be shown not to be.</summary>
public sealed class RunsAsRootRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H001",
        "Image runs as root by default",
        Severity.High,
        "A process running as root inside a container is root on the host's kernel: any escape through a kernel or runtime bug, "
        + "a writable host mount or a misconfigured capability starts with full privileges. The image config's user is what every "
        + "container gets unless the platform overrides it. Root has many spellings: an empty USER, \"root\", \"0\", \"0:0\", "
        + "\"root:root\", or a name that /etc/passwd maps to UID 0. A name missing from /etc/passwd cannot be shown to be unprivileged "
        + "(and the container fails to start), so it is reported too, at medium.",
        "Create an unprivileged account and end the final stage with a numeric USER, e.g. `USER 10001:10001`.",
        ["CIS-DI-0001", "CIS-4.1", "DS002", "DL3002"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [AccountFiles.Passwd];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = (context.Image.Config.User ?? string.Empty).Trim();
        var name = user.Split(':')[0];
        var step = context.LastHistoryIndex("USER", _ => true);
        var (setBy, origin) = step is null
            ? new ConfigSetter("no build step sets USER, so the runtime default root applies (base image)", FindingOrigin.Base)
            : ConfigSetter.Of(context, step);
        var line = context.LineOf(context.LastInstruction("USER") ?? context.Dockerfile?.FinalStage?.From);
        var locations = new List<FindingLocation> { new(ConfigPaths.User, null) };

        if (name.Length == 0)
        {
            yield return Rule.Create("Runs as root: no USER is set", $"USER is empty; {setBy}", locations, line, origin: origin);
            yield break;
        }

        if (name == "root" || (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid == 0))
        {
            yield return Rule.Create($"Runs as root: USER {user}", $"USER is \"{user}\"; {setBy}", locations, line, origin: origin);
            yield break;
        }

        if (name.All(char.IsAsciiDigit))
        {
            yield break;
        }

        var accounts = AccountFiles.Read(context.Snapshot.Files, AccountFiles.Passwd, out var passwd);
        if (passwd is not null)
        {
            locations.Add(new FindingLocation(passwd.Path, passwd.Layer));
        }

        var account = accounts?.FirstOrDefault(a => a.Name == name);
        if (account is null)
        {
            var why = accounts is null ? "the image has no readable /etc/passwd" : "/etc/passwd has no such account";
            yield return Rule.Create(
                $"USER {user} cannot be shown to be unprivileged",
                $"USER is \"{user}\" but {why}; {setBy}",
                locations,
                line,
                Severity.Medium,
                origin);
        }
        else if (account.Id == 0)
        {
            yield return Rule.Create(
                $"Runs as root: USER {user} has UID 0",
                $"USER is \"{user}\", which /etc/passwd line {account.LineNumber} maps to UID 0; {setBy}",
                locations,
                line,
                origin: origin);
        }
    }
}
