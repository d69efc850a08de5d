using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Rampart.Core.Findings;
using Rampart.Core.Images;

namespace Rampart.Cli.Configuration;

/// <summary>
/// Reads settings in layers, later layers winning: built-in defaults, the policy file (<c>--config</c>, else
/// <c>.rampart.yml</c>, <c>.rampart.yaml</c> or <c>.rampart.json</c> at the repository root), <c>RAMPART_*</c>
/// environment variables, then the command line. Unknown keys and bad values are errors that name the key and where it came from.
/// </summary>
internal static class SettingsLoader
{
    private const string EnvironmentPrefix = "RAMPART_";
    private static readonly string[] PolicyFileNames = [".rampart.yml", ".rampart.yaml", ".rampart.json"];

    /// <summary>Every key a layer may set; <c>#</c> stands for a list index, <c>*</c> for a rule or criterion id.</summary>
    internal static readonly string[] KnownKeys =
    [
        "failOn", "failOnLockIn", "minSeverity", "platform", "rulesDocumentUrl",
        "sbom:specVersion", "sbom:format",
        "limits:maxImageBytes", "limits:maxExpansionRatio", "limits:maxEntries", "limits:maxPathLength",
        "limits:maxRetainedBytes", "limits:maxFileBytes", "limits:maxScanSeconds",
        "rules:disabled:#", "rules:severity:*",
        "allowList:setuid:#",
        "waivers:#:rule", "waivers:#:path", "waivers:#:package", "waivers:#:reason", "waivers:#:expires",
        "lockIn:weights:*",
        "registry:insecure:#", "registry:caFile", "registry:username", "registry:password",
    ];

    /// <summary>Builds the settings for a command.</summary>
    /// <param name="configFile">The policy file given with <c>--config</c>, if any.</param>
    /// <param name="workingDirectory">Where the repository root is looked for.</param>
    /// <param name="environment">Environment variables (injected for tests).</param>
    /// <param name="commandLine">Settings given as options, by configuration key.</param>
    public static RampartSettings Load(
        string? configFile,
        string workingDirectory,
        IDictionary environment,
        IReadOnlyDictionary<string, string?> commandLine)
    {
        var builder = new ConfigurationBuilder();
        var policy = configFile ?? FindPolicyFile(workingDirectory);
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new UsageException($"--config: the policy file '{configFile}' does not exist.");
        }

        using var policyFiles = policy is null
            ? null
            : new PhysicalFileProvider(Path.GetDirectoryName(Path.GetFullPath(policy))!, ExclusionFilters.None);
        if (policy is not null)
        {
            var name = Path.GetFileName(policy);
            switch (Path.GetExtension(name).ToLowerInvariant())
            {
                case ".json":
                    builder.AddJsonFile(policyFiles, name, optional: false, reloadOnChange: false);
                    break;
                case ".yml" or ".yaml":
                    PolicyYamlGuard.Check(policy);
                    builder.AddYamlFile(policyFiles, name, optional: false, reloadOnChange: false);
                    break;
                default:
                    throw new UsageException($"Policy file '{policy}': expected a .yml, .yaml or .json file.");
            }
        }

        var fromEnvironment = FromEnvironment(environment);
        builder.AddInMemoryCollection(fromEnvironment.Select(v => KeyValuePair.Create(v.Key, v.Value)));
        builder.AddInMemoryCollection(commandLine.Where(kv => kv.Value is not null));

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            throw new UsageException($"Policy file '{policy}' cannot be read: {e.Message}");
        }

        foreach (var key in root.Providers.OfType<FileConfigurationProvider>().SelectMany(p => LeafKeys(p, null)))
        {
            RequireKnown(key, $"the policy file '{policy}'");
        }

        foreach (var (key, variable, _) in fromEnvironment)
        {
            RequireKnown(key, $"the environment variable {variable}");
        }

        return Bind(root);
    }

    private static RampartSettings Bind(IConfiguration config)
    {
        var defaults = new RampartSettings();
        return new RampartSettings
        {
            FailOn = ParseThreshold<Severity>(config, "failOn", defaults.FailOn),
            FailOnLockIn = ParseThreshold<LockInLevel>(config, "failOnLockIn", defaults.FailOnLockIn),
            MinSeverity = ParseThreshold<Severity>(config, "minSeverity", defaults.MinSeverity, allowNone: false) ?? defaults.MinSeverity,
            Platform = config["platform"] is { } platform ? ParsePlatform(platform) : defaults.Platform,
            RulesDocumentUrl = config["rulesDocumentUrl"] is { } url ? ParseUrl(url) : defaults.RulesDocumentUrl,
            Sbom = new SbomSettings
            {
                SpecVersion = OneOf(config, "sbom:specVersion", ["1.6", "1.7"]) ?? defaults.Sbom.SpecVersion,
                Format = OneOf(config, "sbom:format", ["json", "xml"]) ?? defaults.Sbom.Format,
            },
            Limits = new LimitSettings
            {
                MaxImageBytes = Positive(config, "limits:maxImageBytes", defaults.Limits.MaxImageBytes),
                MaxExpansionRatio = (int)Positive(config, "limits:maxExpansionRatio", defaults.Limits.MaxExpansionRatio, int.MaxValue),
                MaxEntries = Positive(config, "limits:maxEntries", defaults.Limits.MaxEntries, int.MaxValue),
                MaxScanSeconds = (int)Positive(config, "limits:maxScanSeconds", defaults.Limits.MaxScanSeconds, int.MaxValue),
                MaxPathLength = (int)Positive(config, "limits:maxPathLength", defaults.Limits.MaxPathLength, int.MaxValue),
                MaxRetainedBytes = Positive(config, "limits:maxRetainedBytes", defaults.Limits.MaxRetainedBytes),
                MaxFileBytes = Positive(config, "limits:maxFileBytes", defaults.Limits.MaxFileBytes),
            },
            Policy = BindPolicy(config),
            Registry = new RegistrySettings
            {
                Insecure = List(config, "registry:insecure"),
                CaFile = config["registry:caFile"],
                Username = config["registry:username"],
                Password = config["registry:password"],
            },
        };
    }

    private static PolicySettings BindPolicy(IConfiguration config)
    {
        var severities = new SortedDictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var rule in config.GetSection("rules:severity").GetChildren())
        {
            severities[rule.Key] = ParseThreshold<Severity>(config, rule.Path, null, allowNone: false)!.Value;
        }

        var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var criterion in config.GetSection("lockIn:weights").GetChildren())
        {
            weights[criterion.Key] = double.TryParse(criterion.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && weight >= 0 && double.IsFinite(weight)
                ? weight
                : throw new UsageException($"Setting '{criterion.Path}' has the value '{criterion.Value}'; expected a weight of 0 or more.");
        }

        return new PolicySettings
        {
            DisabledRules = new SortedSet<string>(List(config, "rules:disabled"), StringComparer.Ordinal),
            SeverityOverrides = severities,
            SetuidAllowList = List(config, "allowList:setuid"),
            Waivers = config.GetSection("waivers").GetChildren().Select(BindWaiver).ToList(),
            LockInWeights = weights,
        };
    }

    private static WaiverSettings BindWaiver(IConfigurationSection waiver)
    {
        var rule = waiver["rule"];
        var reason = waiver["reason"];
        if (string.IsNullOrWhiteSpace(rule) || string.IsNullOrWhiteSpace(reason))
        {
            throw new UsageException($"Waiver '{waiver.Path}' needs a 'rule' and a 'reason'.");
        }

        DateOnly? expires = null;
        if (waiver["expires"] is { } text)
        {
            expires = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new UsageException($"Setting '{waiver.Path}:expires' has the value '{text}'; expected a date as YYYY-MM-DD.");
        }

        return new WaiverSettings(rule, waiver["path"], waiver["package"], reason, expires);
    }

    private static List<string> List(IConfiguration config, string key) =>
        config.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().ToList();

    private static T? ParseThreshold<T>(IConfiguration config, string key, T? fallback, bool allowNone = true)
        where T : struct, Enum
    {
        var text = config[key];
        if (text is null)
        {
            return fallback;
        }

        if (allowNone && text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        var allowed = Enum.GetNames<T>().Select(n => n.ToLowerInvariant());
        throw new UsageException($"Setting '{key}' has the value '{text}'; expected one of: {string.Join(", ", allowNone ? allowed.Prepend("none") : allowed)}.");
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url
            : throw new UsageException($"Setting 'rulesDocumentUrl' has the value '{text}'; expected an http(s) URL.");

    private static Platform ParsePlatform(string text)
    {
        try
        {
            return Platform.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"Setting 'platform': {e.Message}");
        }
    }

    private static string? OneOf(IConfiguration config, string key, string[] allowed)
    {
        var text = config[key];
        if (text is null)
        {
            return null;
        }

        return allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"Setting '{key}' has the value '{text}'; expected one of: {string.Join(", ", allowed)}.");
    }

    private static long Positive(IConfiguration config, string key, long fallback, long max = int.MaxValue * 64L)
    {
        var text = config[key];
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new UsageException($"Setting '{key}' has the value '{text}'; expected a positive whole number up to {max}.");
    }

    private static string? FindPolicyFile(string workingDirectory)
    {
        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            var found = PolicyFileNames.Select(name => Path.Combine(directory.FullName, name)).FirstOrDefault(File.Exists);
            if (found is not null || Directory.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary><c>RAMPART_FAIL_ON</c> → <c>FAILON</c>, <c>RAMPART_SBOM__SPEC_VERSION</c> → <c>SBOM:SPECVERSION</c>; keys match case-insensitively.</summary>
    private static List<(string Key, string Variable, string? Value)> FromEnvironment(IDictionary environment)
    {
        var settings = new List<(string Key, string Variable, string? Value)>();
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = string.Join(':', name[EnvironmentPrefix.Length..].Split("__").Select(part => part.Replace("_", string.Empty, StringComparison.Ordinal)));
                settings.Add((key, name, variable.Value as string));
            }
        }

        return settings.OrderBy(s => s.Variable, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> LeafKeys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : ConfigurationPath.Combine(parent, child);
            var children = LeafKeys(provider, path).ToList();
            if (children.Count == 0)
            {
                yield return path;
            }
            else
            {
                foreach (var leaf in children)
                {
                    yield return leaf;
                }
            }
        }
    }

    private static void RequireKnown(string key, string origin)
    {
        var segments = key.Split(':');
        var known = KnownKeys.Any(pattern =>
        {
            var parts = pattern.Split(':');
            return parts.Length == segments.Length && parts.Zip(segments).All(p => p.First switch
            {
                "#" => p.Second.All(char.IsAsciiDigit),
                "*" => p.Second.Length > 0,
                _ => p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase),
            });
        });
        if (!known)
        {
            throw new UsageException($"Unknown setting '{key}' in {origin}. Known settings: {string.Join(", ", KnownKeys)}.");
        }
    }
}
