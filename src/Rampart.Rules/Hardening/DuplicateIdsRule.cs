using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Two accounts or groups sharing one numeric id.</summary>
public sealed class DuplicateIdsRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H018",
        "Duplicate user or group id",
        Severity.Medium,
        "The kernel knows only numbers: two accounts with one UID are the same user, whatever their names say, so file "
        + "ownership and audit trails lie. A second account with UID 0 is a hidden root account and is reported high.",
        "Give every account and group its own id; remove extra UID-0 accounts.",
        ["DKL-LI-0002"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [AccountFiles.Passwd, AccountFiles.Group];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        foreach (var (path, what) in new[] { (AccountFiles.Passwd, "UID"), (AccountFiles.Group, "GID") })
        {
            var lines = AccountFiles.Read(files, path, out var file);
            if (lines is null || file is null)
            {
                continue;
            }

            foreach (var shared in lines.Where(l => l.Id is not null).GroupBy(l => l.Id!.Value).Where(g => g.Count() > 1).OrderBy(g => g.Key))
            {
                var names = string.Join(", ", shared.Select(l => l.Name));
                yield return Rule.Create(
                    string.Create(CultureInfo.InvariantCulture, $"{what} {shared.Key} is shared by {names}"),
                    string.Create(CultureInfo.InvariantCulture, $"{file.Path} lines {string.Join(", ", shared.Select(l => l.LineNumber))}; written by layer {file.Layer} in the {context.Boundary.DescribeLayer(file.Layer)}"),
                    [new FindingLocation(file.Path, file.Layer)],
                    context.LineOfLayer(file.Layer),
                    what == "UID" && shared.Key == 0 ? Severity.High : Severity.Medium);
            }
        }
    }
}
