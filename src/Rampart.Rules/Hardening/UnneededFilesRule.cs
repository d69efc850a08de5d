using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Version-control directories, IDE folders and editor leftovers shipped in the image.</summary>
public sealed class UnneededFilesRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H019",
        "Version-control or editor files shipped",
        Severity.Low,
        "A .git directory carries the whole source history, including secrets that were committed and removed, and tells an "
        + "attacker exactly which code runs (medium). IDE folders (.vscode, .idea) and editor leftovers (*~, *.swp, *.swo, "
        + ".DS_Store) are noise that often holds local paths or fragments of edited files (low). They arrive through a "
        + "`COPY . .` without a .dockerignore. Directories are reported once; node_modules and vendor trees, where packages "
        + "carry such files themselves, and paths where packages ship samples, are skipped.",
        "Add a .dockerignore (`.git`, `.vscode`, `.idea`, `*.swp`, `*~`) and copy only build outputs into the final stage.",
        ["DKL-LI-0003", "CIS-4.3"]);

    private static readonly string[] VcsDirectories = [".git", ".svn", ".hg"];
    private static readonly string[] IdeDirectories = [".vscode", ".idea"];
    private static readonly string[] EditorSuffixes = ["~", ".swp", ".swo"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reported = new List<string>();
        foreach (var entry in context.Snapshot.Files.Entries)
        {
            var path = entry.Path;
            if (reported.Any(r => path.StartsWith(r + "/", StringComparison.Ordinal)) || LayerFiles.IsSampleOrVendorPath(path + "/"))
            {
                continue;
            }

            var name = ImagePath.FileName(path);
            var (what, severity) = entry.Kind switch
            {
                FileKind.Directory when VcsDirectories.Contains(name) => ("Version-control directory", Severity.Medium),
                FileKind.Directory when IdeDirectories.Contains(name) => ("IDE settings directory", Severity.Low),
                _ when entry.IsRegular && (name == ".DS_Store" || EditorSuffixes.Any(s => name.Length > s.Length && name.EndsWith(s, StringComparison.Ordinal))) => ("Editor leftover", Severity.Low),
                _ => (null, Severity.Info),
            };
            if (what is null)
            {
                continue;
            }

            if (entry.Kind == FileKind.Directory)
            {
                reported.Add(path);
            }

            yield return Rule.Create(
                $"{what} {path}",
                $"{path}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}",
                [new FindingLocation(path, entry.Layer)],
                context.LineOfLayer(entry.Layer),
                severity);
        }
    }
}
