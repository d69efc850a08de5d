using Rampart.Core.Files;
using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L010: does the image follow the conventions other images follow, or its vendor's own?</summary>
public sealed class ConventionDivergenceCriterion : ILockInCriterion
{
    // UIDs one vendor alone uses (reference §2.3); 0 and the nonroot 65532 shared by distroless, Chainguard, DHI and ko are common.
    private static readonly Dictionary<string, string> VendorUsers = new(StringComparer.Ordinal)
    {
        ["1001"] = "Bitnami",
        ["1654"] = ".NET chiseled",
        ["584792"] = "Ubuntu rocks",
        ["_daemon_"] = "Ubuntu rocks",
    };

    private static readonly string[] VendorEnvPrefixes = ["BITNAMI_", "OS_FLAVOUR", "APP_UID", "PEBBLE"];

    private static readonly string[] VendorTrees = ["/opt/bitnami", "/.rock", "/usr/share/rocks", "/root/buildinfo", "/usr/share/rapidfort"];

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L010",
        "Divergence from common conventions",
        "Per-vendor conventions (UIDs, entrypoints, environment, directory trees) leak into Helm values, "
        + "PodSecurity settings, volumes and scripts, and must all change when the base does. Five fields are compared "
        + "with the conventions shared across vendors: the default user, the entrypoint, the environment, vendor "
        + "directory trees, and a user database; the score is the share that diverges.",
        ["canonical/rockcraft rockcraft/usernames.py", "bitnami/containers bitnami/redis Dockerfile", "dotnet/dotnet-docker runtime-deps Dockerfiles"]);

    public double Weight => 0.7;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Snapshot.Image.Config;
        var files = context.Snapshot.Files;
        var user = (config.User ?? string.Empty).Split(':')[0];
        var entrypoint = config.Entrypoint.Count > 0 ? config.Entrypoint[0] : string.Empty;
        var vendorEnv = config.Env
            .Select(e => e.Split('=', 2)[0])
            .Where(k => VendorEnvPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        var trees = VendorTrees.Where(t => files.Find(t) is not null).ToList();
        string?[] divergences =
        [
            VendorUsers.TryGetValue(user, out var owner) ? $"user {user} is {owner}'s convention" : null,
            IsVendorEntrypoint(entrypoint) ? $"entrypoint {entrypoint} is a vendor's wrapper" : null,
            vendorEnv.Count > 0 ? $"vendor environment {string.Join(", ", vendorEnv)}" : null,
            trees.Count > 0 ? $"vendor trees {string.Join(", ", trees)}" : null,
            context.Os is not null && files.Find("/etc/passwd") is null ? "no /etc/passwd beside a distribution" : null,
        ];
        var found = divergences.OfType<string>().ToList();
        return CriterionResult.From(
            Descriptor,
            (double)found.Count / divergences.Length,
            found.Count == 0
                ? $"All {divergences.Length} fields follow common conventions."
                : $"{found.Count} of {divergences.Length} fields diverge: {string.Join("; ", found)}.");
    }

    private static bool IsVendorEntrypoint(string entrypoint) =>
        entrypoint.StartsWith("/opt/bitnami/", StringComparison.Ordinal)
        || ImagePath.FileName(entrypoint) is "pebble" or "__cacert_entrypoint.sh";
}
