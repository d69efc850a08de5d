using System.Globalization;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Package-manager indexes and download caches left in the image.</summary>
public sealed class PackageCacheRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H016",
        "Package-manager cache left in the image",
        Severity.Low,
        "Package indexes and downloaded packages are not needed at runtime: they make the image bigger, and stale apt lists "
        + "let a later `apt-get install` in a derived image install outdated versions without an update. The judgement is made "
        + "on the files the image really contains (apt lists and archives, apk, yum, dnf and zypper caches, pip, npm, Yarn and "
        + "Go build caches), not on command lines, so cache mounts, `apt-get dist-clean` and clean-ups in a later step of the "
        + "same layer are all credited correctly. Each cache is reported once, on the newest layer that wrote into it.",
        "Clean up in the same RUN that fills the cache (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`, "
        + "`pip install --no-cache-dir`, `npm cache clean --force`) or use `RUN --mount=type=cache`.",
        ["DKL-DI-0004", "DKL-DI-0005", "DS015", "DS019", "DS025", "DL3009", "DL3019", "DL3042"]);

    private static readonly (string Name, string Marker, Func<string, bool> Counts)[] Caches =
    [
        ("apt package lists", "/var/lib/apt/lists/", rest => !rest.StartsWith("partial/", StringComparison.Ordinal) && !rest.StartsWith("auxfiles/", StringComparison.Ordinal) && rest != "lock"),
        ("apt package archives", "/var/cache/apt/archives/", rest => rest.EndsWith(".deb", StringComparison.Ordinal)),
        ("apt binary caches", "/var/cache/apt/", rest => rest.EndsWith(".bin", StringComparison.Ordinal) && !rest.Contains('/', StringComparison.Ordinal)),
        ("apk cache", "/var/cache/apk/", _ => true),
        ("yum cache", "/var/cache/yum/", _ => true),
        ("dnf cache", "/var/cache/dnf/", _ => true),
        ("zypper cache", "/var/cache/zypp/", _ => true),
        ("pip cache", "/.cache/pip/", _ => true),
        ("npm cache", "/.npm/_cacache/", _ => true),
        ("Yarn cache", "/.cache/yarn/", _ => true),
        ("Go build cache", "/.cache/go-build/", _ => true),
    ];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = new SortedDictionary<string, (string Name, List<FileEntry> Files)>(StringComparer.Ordinal);
        foreach (var entry in context.Snapshot.Files.Entries.Where(e => e.IsRegular))
        {
            foreach (var (name, marker, counts) in Caches)
            {
                var at = entry.Path.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0 && counts(entry.Path[(at + marker.Length)..]))
                {
                    var directory = entry.Path[..(at + marker.Length - 1)];
                    if (!found.TryGetValue(directory, out var cache))
                    {
                        found[directory] = cache = (name, []);
                    }

                    cache.Files.Add(entry);
                    break;
                }
            }
        }

        foreach (var (directory, (name, files)) in found)
        {
            var layer = files.Max(f => f.Layer);
            var kib = (files.Sum(f => f.Size) + 1023) / 1024;
            yield return Rule.Create(
                $"{Text.Capitalise(name)} left in {directory}",
                string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {kib} KiB under {directory}; newest written by layer {layer} in the {context.Boundary.DescribeLayer(layer)}"),
                [new FindingLocation(directory, layer)],
                context.LineOfLayer(layer));
        }
    }
}
