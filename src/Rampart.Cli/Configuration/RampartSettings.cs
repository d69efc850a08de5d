using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Core.Images;
using Rampart.Images;

namespace Rampart.Cli.Configuration;

/// <summary>The effective settings after every configuration layer is applied.</summary>
internal sealed record RampartSettings
{
    /// <summary>Hardening findings at or above this fail the gate; <see langword="null"/> never fails.</summary>
    public Severity? FailOn { get; init; } = Severity.High;

    /// <summary>A lock-in level at or above this fails the gate; <see langword="null"/> never fails.</summary>
    public LockInLevel? FailOnLockIn { get; init; }

    /// <summary>Findings below this are not shown; they may still fail the gate.</summary>
    public Severity MinSeverity { get; init; } = Severity.Info;

    public Platform Platform { get; init; } = Platform.LinuxAmd64;

    /// <summary>Where the rules document lives, so reports can link each rule id to its explanation.</summary>
    public Uri? RulesDocumentUrl { get; init; } = DefaultRulesDocumentUrl;

    public static Uri DefaultRulesDocumentUrl { get; } = new("https://github.com/rampart-gate/rampart/blob/main/src/Rampart.Rules/RULES.md");

    public SbomSettings Sbom { get; init; } = new();

    public LimitSettings Limits { get; init; } = new();

    public PolicySettings Policy { get; init; } = new();

    public RegistrySettings Registry { get; init; } = new();
}

/// <summary>How <c>registry:</c> images are pulled without an engine.</summary>
internal sealed record RegistrySettings
{
    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) reached over plain HTTP or with any certificate, on purpose.</summary>
    public IReadOnlyList<string> Insecure { get; init; } = [];

    /// <summary>A PEM bundle of extra certificate authorities to trust.</summary>
    public string? CaFile { get; init; }

    /// <summary>Credentials for every registry; without them the Docker config and its credential helpers are used.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }
}

/// <summary>What a team tunes in its policy file: rules switched off or re-rated, allow-lists, waivers, lock-in weights.</summary>
internal sealed record PolicySettings
{
    public IReadOnlySet<string> DisabledRules { get; init; } = new SortedSet<string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new SortedDictionary<string, Severity>(StringComparer.Ordinal);

    /// <summary>Setuid and setgid paths accepted on top of the built-in allow-list.</summary>
    public IReadOnlyList<string> SetuidAllowList { get; init; } = [];

    public IReadOnlyList<WaiverSettings> Waivers { get; init; } = [];

    /// <summary>Weights of lock-in criteria by id, replacing their documented defaults.</summary>
    public IReadOnlyDictionary<string, double> LockInWeights { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
}

/// <summary>Accepts the findings of one rule on a path (glob) or a package's files, for a reason, until a date.</summary>
internal sealed record WaiverSettings(string Rule, string? Path, string? Package, string Reason, DateOnly? Expires);

internal sealed record SbomSettings
{
    /// <summary>CycloneDX specification version: 1.6 or 1.7.</summary>
    public string SpecVersion { get; init; } = "1.6";

    /// <summary>json or xml, for files whose extension does not say.</summary>
    public string Format { get; init; } = "json";
}

/// <summary>Safety limits for reading untrusted images.</summary>
internal sealed record LimitSettings
{
    public long MaxImageBytes { get; init; } = ReaderLimits.Default.MaxImageBytes;

    public int MaxExpansionRatio { get; init; } = ReaderLimits.Default.MaxExpansionRatio;

    public long MaxEntries { get; init; } = ReaderLimits.Default.MaxEntries;

    public int MaxPathLength { get; init; } = ReaderLimits.Default.MaxPathLength;

    public long MaxRetainedBytes { get; init; } = ReaderLimits.Default.MaxRetainedBytes;

    public long MaxFileBytes { get; init; } = FileSelection.DefaultMaxFileBytes;

    /// <summary>Wall-clock seconds a whole run may take before it stops, leaving no half-written output.</summary>
    public int MaxScanSeconds { get; init; } = 3600;
}
